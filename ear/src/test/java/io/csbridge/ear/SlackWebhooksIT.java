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
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.csbridge.ear.InboundRequests.SLACK_SIGNING_SECRET;
import static io.csbridge.ear.InboundRequests.assertRefused;
import static io.csbridge.ear.InboundRequests.form;
import static io.csbridge.ear.InboundRequests.inboxTotal;
import static io.csbridge.ear.InboundRequests.slack;
import static io.csbridge.ear.InboundRequests.slackSignature;
import static io.csbridge.ear.InboundRequests.utf8;
import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.group;
import static io.csbridge.ear.UsageMessages.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack app's request URLs through the real EAR: Events API, slash command {@code /health} and
 * interactivity, each v0-signed over the exact bytes Slack sends (form bodies included).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SlackWebhooksIT {

    static final String FORM = "application/x-www-form-urlencoded";
    static final String EVENTS = "/hooks/slack/events";
    static final String COMMANDS = "/hooks/slack/commands";
    static final String INTERACTIONS = "/hooks/slack/interactions";

    final CsBridgeClient client = new CsBridgeClient();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    static String appMention(String eventId) {
        return """
                {"token":"XXYYZZ","team_id":"T0IT","api_app_id":"A0IT","event":{"type":"app_mention","user":"U0IT",
                 "text":"<@U0BOT> how is acme?","ts":"1515449522.000016","channel":"C0IT","event_ts":"1515449522000016"},
                 "type":"event_callback","event_id":"%s","event_time":%d,"authorizations":[]}"""
                .formatted(eventId, now() - 5);
    }

    /** A slash command's form body, in the field order Slack sends. */
    static String command(String text) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
        f.put("team_id", "T0001");
        f.put("team_domain", "example");
        f.put("enterprise_id", "E0001");
        f.put("enterprise_name", "Globular Construct Inc");
        f.put("channel_id", "C2147483705");
        f.put("channel_name", "test");
        f.put("user_id", "U2147483697");
        f.put("user_name", "Steve");
        f.put("command", "/health");
        f.put("text", text);
        f.put("response_url", "https://hooks.slack.com/commands/1234/5678");
        f.put("trigger_id", "13345224609.738474920.8088930838d88f008e0");
        f.put("api_app_id", "A123456");
        return form(f);
    }

    static String blockActions(String actionId, String value, String userId, String actionTs) {
        String payload = """
                {"type":"block_actions","user":{"id":"%s","username":"jane.csm","name":"jane.csm","team_id":"T0IT"},
                 "api_app_id":"A0IT","token":"9s8d9as89d8as9d8as989","container":{"type":"message","message_ts":"1548261231.000200",
                 "channel_id":"C0IT","is_ephemeral":false},"trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
                 "team":{"id":"T0IT","domain":"example"},"channel":{"id":"C0IT","name":"cs-alerts"},
                 "response_url":"https://hooks.slack.com/actions/T0IT/1234/abcd",
                 "actions":[{"action_id":"%s","block_id":"alert-actions","text":{"type":"plain_text","text":"Acknowledge"},
                             "value":"%s","type":"button","action_ts":"%s"}]}"""
                .formatted(userId, actionId, value, actionTs);
        return form(Map.of("payload", payload));
    }

    CsBridgeClient.Answer post(String path, String body, String contentType) {
        return client.send(slack(path, utf8(body), contentType, now()));
    }

    // ---- Events API ---------------------------------------------------------------------------------

    @Test
    void urlVerificationIsAnsweredWithItsChallenge() {
        String challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" + UUID.randomUUID();
        String body = "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":\"" + challenge + "\",\"type\":\"url_verification\"}";

        CsBridgeClient.Answer answer = post(EVENTS, body, "application/json");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("challenge").asText()).isEqualTo(challenge);
    }

    @Test
    void anEventRetriedWithXSlackRetryNumIsStoredOnce() {
        String eventId = "Ev" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        byte[] body = utf8(appMention(eventId));
        long before = inboxTotal(client);

        CsBridgeClient.Answer first = client.send(slack(EVENTS, body, "application/json", now()));
        // Slack's retry: the same body, signed again with a new timestamp, numbered.
        long retriedAt = now();
        HttpRequest retry = InboundRequests.post(EVENTS, body, "application/json")
                .header("X-Slack-Request-Timestamp", Long.toString(retriedAt))
                .header("X-Slack-Signature", slackSignature(SLACK_SIGNING_SECRET, retriedAt, body))
                .header("X-Slack-Retry-Num", "1")
                .header("X-Slack-Retry-Reason", "http_timeout")
                .build();
        CsBridgeClient.Answer retried = client.send(retry);

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);
        assertThat(retried.json().get("accepted").asInt()).isZero();
        assertThat(retried.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(inboxTotal(client)).isEqualTo(before + 1);
    }

    // ---- /health --------------------------------------------------------------------------------------

    @Test
    void healthAnswersEphemerallyWithinThreeSecondsWithScoreBandTrendAndDriversOfAnAccountCreatedByEvents() {
        String group = "slack-" + UUID.randomUUID();
        String name = "Health & Co " + group;
        String domain = group + ".example";
        Instant now = Instant.now();
        assertThat(client.postUsage(batch(List.of(
                group("g-" + group, group, name, domain, "001" + Math.abs(group.hashCode()), now.minus(Duration.ofDays(3))),
                track("t1-" + group, group, "Report Viewed", now.minus(Duration.ofDays(2))),
                track("t2-" + group, group, "Report Viewed", now.minus(Duration.ofDays(1)))))).status()).isEqualTo(200);
        JsonNode account = client.awaitAdmin("/accounts/" + group, a -> a.status() == 200 && a.json().get("signalCount").asInt() == 3
                && !a.json().get("healthScore").isNull(), 30).json();
        int score = account.get("healthScore").asInt();
        String band = account.get("band").asText();

        long start = System.nanoTime();
        CsBridgeClient.Answer byDomain = post(COMMANDS, command(domain), FORM);
        long millis = (System.nanoTime() - start) / 1_000_000;
        // A name with spaces and "&": the form body carries "+" and "%26", and must reach the resource as sent.
        CsBridgeClient.Answer byName = post(COMMANDS, command(name), FORM);

        assertThat(byDomain.status()).as(byDomain.body()).isEqualTo(200);
        assertThat(millis).as("Slack gives a slash command 3 seconds").isLessThan(3000);
        JsonNode reply = byDomain.json();
        assertThat(reply.get("response_type").asText()).isEqualTo("ephemeral");
        String text = reply.get("text").asText();
        assertThat(text).contains("*Health &amp; Co " + group + "*").contains(domain)
                .contains("health *" + score + "/100* ").contains(band + ", trend ");
        String blocks = reply.get("blocks").toString();
        assertThat(blocks).contains("Top drivers:").contains("account " + group);
        // The strongest driver the admin API shows is among the (at most three) the answer lists.
        double strongest = 0;
        for (JsonNode d : account.get("drivers")) strongest = Math.max(strongest, Math.abs(d.get("contribution").asDouble()));
        List<String> strongestExplanations = new java.util.ArrayList<>();
        for (JsonNode d : account.get("drivers")) {
            if (Math.abs(d.get("contribution").asDouble()) == strongest) strongestExplanations.add(d.get("explanation").asText());
        }
        assertThat(strongestExplanations).isNotEmpty().anyMatch(blocks::contains);
        assertThat(byName.status()).as(byName.body()).isEqualTo(200);
        assertThat(byName.json().get("text").asText()).isEqualTo(text);
    }

    @Test
    void healthNamesNoAccountWhenNothingMatchesAndExplainsUsageWhenEmpty() {
        CsBridgeClient.Answer unknown = post(COMMANDS, command("no-such-" + UUID.randomUUID() + ".example"), FORM);
        CsBridgeClient.Answer empty = post(COMMANDS, command(""), FORM);

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().get("response_type").asText()).isEqualTo("ephemeral");
        assertThat(unknown.json().get("text").asText()).startsWith("No account matches");
        assertThat(empty.json().get("text").asText()).startsWith("Usage: `/health");
    }

    // ---- interactivity --------------------------------------------------------------------------------

    @Test
    void aButtonPressIsAcceptedAndTheSamePressDeliveredTwiceIsStoredOnce() {
        String group = "press-" + UUID.randomUUID();
        client.postUsage(group("g-" + group, group, "Press Co", group + ".example", "001p" + Math.abs(group.hashCode()),
                Instant.now().minus(Duration.ofDays(1))));
        client.awaitAdmin("/accounts/" + group, a -> a.status() == 200, 30);
        String actionTs = now() + ".123456";
        String user = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        // The value as the Slack channel writes it: <alertId>|<accountId>; the form field holds %7C for "|".
        byte[] body = utf8(blockActions("cs_ack", "812|" + group, user, actionTs));
        long before = inboxTotal(client);

        CsBridgeClient.Answer first = client.send(slack(INTERACTIONS, body, FORM, now()));
        CsBridgeClient.Answer again = client.send(slack(INTERACTIONS, body, FORM, now()));
        long afterPresses = inboxTotal(client);
        CsBridgeClient.Answer otherUser = client.send(slack(INTERACTIONS,
                utf8(blockActions("cs_ack", "812|" + group, user + "B", actionTs)), FORM, now()));

        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(afterPresses).isEqualTo(before + 1);
        assertThat(otherUser.status()).isEqualTo(200);
        assertThat(inboxTotal(client)).as("another user's press is another press").isEqualTo(before + 2);
    }

    // ---- refusals -------------------------------------------------------------------------------------

    @Test
    void forgedStaleAndFutureRequestsAre401OnEveryEndpointAndLeaveNoTrace() {
        String user = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        byte[] press = utf8(blockActions("cs_create_task", "813|001IT" + user, user, now() + ".000001"));
        byte[] event = utf8(appMention("EvFORGED" + user));
        byte[] health = utf8(command("acme.com"));
        long before = inboxTotal(client);
        Map<String, Long> rejectedBefore = InboundRequests.rejections(client);
        int refused = 0;

        for (String path : List.of(EVENTS, INTERACTIONS, COMMANDS)) {
            byte[] body = path.equals(EVENTS) ? event : path.equals(INTERACTIONS) ? press : health;
            String type = path.equals(EVENTS) ? "application/json" : FORM;
            long t = now();
            CsBridgeClient.Answer wrongSecret = client.send(InboundRequests.post(path, body, type)
                    .header("X-Slack-Request-Timestamp", Long.toString(t))
                    .header("X-Slack-Signature", slackSignature("not-the-signing-secret", t, body)).build());
            CsBridgeClient.Answer otherBody = client.send(InboundRequests.post(path, body, type)
                    .header("X-Slack-Request-Timestamp", Long.toString(t))
                    .header("X-Slack-Signature", slackSignature(SLACK_SIGNING_SECRET, t, utf8("token=x"))).build());
            CsBridgeClient.Answer unsigned = client.send(InboundRequests.post(path, body, type).build());
            CsBridgeClient.Answer stale = client.send(slack(path, body, type, t - 6 * 60));
            CsBridgeClient.Answer future = client.send(slack(path, body, type, t + 6 * 60));

            assertRefused(wrongSecret, 401, "invalid_signature");
            assertRefused(otherBody, 401, "invalid_signature");
            assertRefused(unsigned, 401, "invalid_signature");
            assertRefused(stale, 401, "stale_timestamp");
            assertRefused(future, 401, "stale_timestamp");
            refused += 5;
        }

        assertThat(inboxTotal(client)).isEqualTo(before);
        Map<String, Long> rejectedAfter = InboundRequests.rejections(client);
        assertThat(rejectedAfter.get("total")).isGreaterThanOrEqualTo(rejectedBefore.get("total") + refused);
        assertThat(rejectedAfter.get("stale_timestamp")).isGreaterThanOrEqualTo(rejectedBefore.getOrDefault("stale_timestamp", 0L) + 6);
    }

    @Test
    void oversizedNonUtf8AndDeeplyNestedBodiesAreRefusedWithoutTrace() {
        String user = "U" + UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        long before = inboxTotal(client);

        CsBridgeClient.Answer oversizedEvent = client.send(slack(EVENTS,
                InboundRequests.oversized("{\"type\":\"event_callback\",\"padding\":\"", "\"}"), "application/json", now()));
        CsBridgeClient.Answer deepEvent = client.send(slack(EVENTS,
                utf8(InboundRequests.jsonNested10000Deep("{\"type\":\"event_callback\",\"event_id\":\"EvDEEP" + user + "\",\"event\":")),
                "application/json", now()));
        CsBridgeClient.Answer nonUtf8Event = client.send(slack(EVENTS,
                InboundRequests.notUtf8(appMention("EvUTF" + user).replace("how is", "how \u00a7is")), "application/json", now()));
        String deepPayload = InboundRequests.jsonNested10000Deep("{\"type\":\"block_actions\",\"user\":{\"id\":\"" + user + "\"},\"actions\":");
        CsBridgeClient.Answer deepPress = client.send(slack(INTERACTIONS, utf8(form(Map.of("payload", deepPayload))), FORM, now()));
        CsBridgeClient.Answer nonUtf8Press = client.send(slack(INTERACTIONS,
                utf8(blockActions("cs_ack", "814|001IT" + user, user, now() + ".000002").replace("Acknowledge", "Ack%C3%28")), FORM, now()));
        CsBridgeClient.Answer rawNonUtf8Command = client.send(slack(COMMANDS, InboundRequests.notUtf8(command("x") + "&extra=\u00a7"), FORM, now()));
        CsBridgeClient.Answer oversizedCommand = client.send(slack(COMMANDS,
                utf8(command("x") + "&padding=" + "x".repeat(InboundRequests.OVER_LIMIT)), FORM, now()));

        assertRefused(oversizedEvent, 413, "payload_too_large");
        assertRefused(deepEvent, 400, "malformed_request");
        assertRefused(nonUtf8Event, 400, "malformed_request");
        assertRefused(deepPress, 400, "malformed_request");
        assertRefused(nonUtf8Press, 400, "malformed_request");
        assertRefused(rawNonUtf8Command, 400, "malformed_request");
        assertRefused(oversizedCommand, 413, "payload_too_large");
        assertThat(inboxTotal(client)).isEqualTo(before);
    }
}
