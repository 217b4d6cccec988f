package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.http.HttpRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.csbridge.ear.InboundRequests.ZENDESK_EVENTS_SECRET;
import static io.csbridge.ear.InboundRequests.ZENDESK_TRIGGER_SECRET;
import static io.csbridge.ear.InboundRequests.assertRefused;
import static io.csbridge.ear.InboundRequests.digits;
import static io.csbridge.ear.InboundRequests.inboxTotal;
import static io.csbridge.ear.InboundRequests.now;
import static io.csbridge.ear.InboundRequests.utf8;
import static io.csbridge.ear.InboundRequests.zendesk;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /hooks/zendesk} through the real EAR: both formats, both signing secrets, replays, refusals. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZendeskWebhookIT {

    final CsBridgeClient client = new CsBridgeClient();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    static String organizationCreated(String eventId, String orgId, String name, String externalId, Instant at) {
        return """
                {"type":"zen:event-type:organization.created","account_id":88888888,"id":"%s","time":"%s",
                 "zendesk_event_version":"2022-06-20","subject":"zen:organization:%s",
                 "detail":{"created_at":"%s","external_id":"%s","group_id":null,"id":"%s","name":"%s",
                           "shared_comments":false,"shared_tickets":false,"updated_at":"%s"},"event":{}}"""
                .formatted(eventId, at, orgId, at, externalId, orgId, name, at);
    }

    static String ticketCreated(String eventId, String ticketId, String orgId, String priority, Instant at) {
        return """
                {"type":"zen:event-type:ticket.created","account_id":88888888,"id":"%s","time":"%s",
                 "zendesk_event_version":"2022-11-06","subject":"zen:ticket:%s",
                 "detail":{"id":"%s","status":"OPEN","priority":"%s","organization_id":"%s","tags":["billing","vip"],
                           "created_at":"%s","updated_at":"%s"},"event":{"current":{"status":"OPEN"}}}"""
                .formatted(eventId, at, ticketId, ticketId, priority, orgId, at, at);
    }

    /** {@code deploy/zendesk/trigger-body.json} as Zendesk renders it for one ticket. */
    static String triggerBody(String event, String ticketId, String status, String orgId, String createdAt, String updatedAt) {
        return """
                {
                  "cs_bridge": "zendesk-trigger-v1",
                  "event": "%s",
                  "ticket": {
                    "id": "%s",
                    "status": "%s",
                    "priority": "Urgent",
                    "tags": "billing export",
                    "created_at": "%s",
                    "updated_at": "%s",
                    "organization": {"id": "%s", "external_id": ""},
                    "requester": {"email": "jane@gmail.com"},
                    "satisfaction": {"rating": "Offered"}
                  }
                }""".formatted(event, ticketId, status, createdAt, updatedAt, orgId);
    }

    CsBridgeClient.Answer deliver(String body, String secret) {
        return client.send(zendesk(utf8(body), secret, now()));
    }

    JsonNode awaitAccount(String id, int signals) {
        CsBridgeClient.Answer answer = client.awaitAdmin("/accounts/" + id,
                a -> a.status() == 200 && a.json().get("signalCount").asInt() >= signals && !a.json().get("healthScore").isNull(), 30);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    @Test
    void anOrganizationEventCreatesTheAccountWithItsZendeskKeysAndTicketEventsLandOnIt() {
        String org = digits(14);
        String external = "ext-" + org;
        Instant at = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

        CsBridgeClient.Answer created = deliver(organizationCreated("01ORG" + org, org, "Zendesk Co " + org, external, at), ZENDESK_EVENTS_SECRET);
        CsBridgeClient.Answer ticket = deliver(ticketCreated("01TKT" + org, digits(8), org, "URGENT", at.plusSeconds(60)), ZENDESK_EVENTS_SECRET);

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(created.json().get("duplicates").asInt()).isZero();
        assertThat(ticket.status()).as(ticket.body()).isEqualTo(200);
        JsonNode account = awaitAccount(org, 2);
        assertThat(account.get("id").asText()).isEqualTo(org);
        assertThat(account.get("name").asText()).isEqualTo("Zendesk Co " + org);
        assertThat(account.get("keys").get("zendesk").asText()).isEqualTo(org);
        assertThat(account.get("keys").get("zendeskExternalId").asText()).isEqualTo(external);
        assertThat(account.get("signalCount").asInt()).isEqualTo(2);
        assertThat(account.get("drivers").findValuesAsText("explanation")).anyMatch(e -> e.contains("1 urgent ticket open"));
    }

    @Test
    void theSameEventDeliveredTwiceIsCountedOnce() {
        String org = digits(14);
        String body = ticketCreated("01DUP" + org, digits(8), org, "NORMAL", Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS));
        long before = inboxTotal(client);

        CsBridgeClient.Answer first = deliver(body, ZENDESK_EVENTS_SECRET);
        CsBridgeClient.Answer again = deliver(body, ZENDESK_EVENTS_SECRET);

        assertThat(first.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("accepted").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(inboxTotal(client)).isEqualTo(before + 1);
        awaitAccount(org, 1);
        CsBridgeClient.sleep(1500);
        assertThat(client.admin("/accounts/" + org).json().get("signalCount").asInt()).isEqualTo(1);
    }

    @Test
    void theShippedTriggerBodySignedWithTheSecondSecretIsAcceptedOnceAndMappedToTheOrganization() {
        String org = digits(14);
        String ticketId = digits(7);
        String createdAt = Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS).toString();
        String solvedAt = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS).toString();
        String create = triggerBody("created", ticketId, "Open", org, createdAt, createdAt);
        String solve = triggerBody("solved", ticketId, "Solved", org, createdAt, solvedAt);

        CsBridgeClient.Answer first = deliver(create, ZENDESK_TRIGGER_SECRET);
        CsBridgeClient.Answer solved = deliver(solve, ZENDESK_TRIGGER_SECRET);
        // A trigger re-sent for the same update (same ticket, updated_at and event) is the same delivery.
        CsBridgeClient.Answer resent = deliver(solve, ZENDESK_TRIGGER_SECRET);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(solved.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(resent.json().get("duplicates").asInt()).isEqualTo(1);
        JsonNode account = awaitAccount(org, 2);
        assertThat(account.get("keys").get("zendesk").asText()).isEqualTo(org);
        assertThat(account.get("keys").has("domains")).as("gmail.com is never an account's domain").isFalse();
        assertThat(account.get("signalCount").asInt()).isEqualTo(2);
        // Created as urgent, then solved: the urgent ticket no longer counts as open.
        assertThat(account.get("drivers").findValuesAsText("explanation")).contains("0 urgent tickets open");
    }

    @Test
    void forgedStaleAndFutureSignaturesAre401AndLeaveNoTrace() {
        String org = digits(14);
        byte[] body = utf8(ticketCreated("01FRG" + org, digits(8), org, "HIGH", Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)));
        String now = now();
        Map<String, Long> rejectedBefore = InboundRequests.rejections(client);
        long before = inboxTotal(client);

        CsBridgeClient.Answer wrongSecret = client.send(zendesk(body, "not-the-secret", now));
        CsBridgeClient.Answer zendeskTestSecret = client.send(zendesk(body, "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==", now));
        HttpRequest.Builder unsigned = InboundRequests.post("/hooks/zendesk", body, "application/json");
        CsBridgeClient.Answer noSignature = client.send(unsigned.header("X-Zendesk-Webhook-Signature-Timestamp", now).build());
        // Signed for another timestamp than the one in the header: a replay with a fresh header.
        CsBridgeClient.Answer retimed = client.send(InboundRequests.post("/hooks/zendesk", body, "application/json")
                .header("X-Zendesk-Webhook-Signature", InboundRequests.zendeskSignature(ZENDESK_EVENTS_SECRET, "2020-01-01T00:00:00Z", body))
                .header("X-Zendesk-Webhook-Signature-Timestamp", now).build());
        CsBridgeClient.Answer stale = client.send(zendesk(body, ZENDESK_EVENTS_SECRET,
                Instant.now().minus(Duration.ofMinutes(6)).truncatedTo(ChronoUnit.SECONDS).toString()));
        CsBridgeClient.Answer future = client.send(zendesk(body, ZENDESK_EVENTS_SECRET,
                Instant.now().plus(Duration.ofMinutes(6)).truncatedTo(ChronoUnit.SECONDS).toString()));

        assertRefused(wrongSecret, 401, "invalid_signature");
        assertRefused(zendeskTestSecret, 401, "invalid_signature");
        assertRefused(noSignature, 401, "invalid_signature");
        assertRefused(retimed, 401, "invalid_signature");
        assertRefused(stale, 401, "stale_timestamp");
        assertRefused(future, 401, "stale_timestamp");
        assertThat(inboxTotal(client)).isEqualTo(before);
        Map<String, Long> rejectedAfter = InboundRequests.rejections(client);
        assertThat(rejectedAfter.get("invalid_signature")).isGreaterThanOrEqualTo(rejectedBefore.getOrDefault("invalid_signature", 0L) + 4);
        assertThat(rejectedAfter.get("stale_timestamp")).isGreaterThanOrEqualTo(rejectedBefore.getOrDefault("stale_timestamp", 0L) + 2);
        // The same body, properly signed, is then taken: the refusals did not block it as a "duplicate".
        assertThat(deliver(new String(body, java.nio.charset.StandardCharsets.UTF_8), ZENDESK_EVENTS_SECRET).json().get("accepted").asInt())
                .isEqualTo(1);
    }

    @Test
    void malformedOversizedNonUtf8AndDeeplyNestedBodiesAreRefusedWithoutTrace() {
        String org = digits(14);
        String valid = ticketCreated("01BAD" + org, digits(8), org, "HIGH", Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS));
        String now = now();
        long before = inboxTotal(client);

        CsBridgeClient.Answer truncated = client.send(zendesk(utf8(valid.substring(0, valid.length() / 2)), ZENDESK_EVENTS_SECRET, now));
        CsBridgeClient.Answer nonUtf8 = client.send(zendesk(InboundRequests.notUtf8(valid.replace("\"billing\"", "\"bill\u00a7ing\"")),
                ZENDESK_EVENTS_SECRET, now));
        CsBridgeClient.Answer deep = client.send(zendesk(utf8(InboundRequests.jsonNested10000Deep(
                "{\"type\":\"zen:event-type:ticket.created\",\"id\":\"01DEEP" + org + "\",\"detail\":")), ZENDESK_EVENTS_SECRET, now));
        byte[] huge = InboundRequests.oversized(valid.substring(0, valid.length() - 1) + ",\"padding\":\"", "\"}");
        CsBridgeClient.Answer oversized = client.send(zendesk(huge, ZENDESK_EVENTS_SECRET, now));
        CsBridgeClient.Answer oversizedChunked = client.send(InboundRequests.postChunked("/hooks/zendesk", huge, "application/json")
                .header("X-Zendesk-Webhook-Signature", InboundRequests.zendeskSignature(ZENDESK_EVENTS_SECRET, now, huge))
                .header("X-Zendesk-Webhook-Signature-Timestamp", now).build());
        CsBridgeClient.Answer futureEvent = client.send(zendesk(utf8(ticketCreated("01FUT" + org, digits(8), org, "HIGH",
                Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS))), ZENDESK_EVENTS_SECRET, now));

        assertRefused(truncated, 400, "malformed_request");
        assertRefused(nonUtf8, 400, "malformed_request");
        assertThat(nonUtf8.json().get("detail").asText()).contains("UTF-8");
        assertRefused(deep, 400, "malformed_request");
        assertRefused(oversized, 413, "payload_too_large");
        assertRefused(oversizedChunked, 413, "payload_too_large");
        assertRefused(futureEvent, 400, "invalid_message");
        assertThat(inboxTotal(client)).isEqualTo(before);
        assertThat(client.admin("/accounts/" + org).status()).isEqualTo(404);
    }

    @Test
    void aSenderThatStopsMidBodyGetsA400NotAServerError() throws Exception {
        long before = inboxTotal(client);
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", URI.create(CsBridgeClient.BASE).getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            out.write(("POST /hooks/zendesk HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 5000\r\nConnection: close\r\n\r\n{\"type\":\"zen:event-type:ticket.created\"").getBytes(StandardCharsets.UTF_8));
            out.flush();
            socket.shutdownOutput(); // the sender goes away with 4,960 bytes still owed
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("malformed_request");
        }
        assertThat(inboxTotal(client)).isEqualTo(before);
    }
}
