package io.csbridge.webhooks.zendesk;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZendeskTranslatorTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-20T12:00:00Z"), ZoneOffset.UTC);
    final ZendeskTranslator translator = new ZendeskTranslator(CLOCK);

    static String resource(String name) throws IOException {
        try (InputStream in = ZendeskTranslatorTest.class.getResourceAsStream("/zendesk/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The trigger body the repository ships, rendered the way Zendesk renders placeholders. */
    static String renderedTrigger(String event, Map<String, String> values) throws IOException {
        String body = Files.readString(Path.of("../deploy/zendesk/trigger-body.json"))
                .replace("\"event\": \"created\"", "\"event\": \"" + event + "\"");
        for (var v : values.entrySet()) body = body.replace("{{" + v.getKey() + "}}", v.getValue());
        return body;
    }

    static Map<String, String> ticket(String status, String updatedAt) {
        return Map.of("ticket.id", "35436", "ticket.status", status, "ticket.priority", "Urgent",
                "ticket.tags", "billing  vip", "ticket.created_at_with_timestamp", "2026-01-15T10:00Z",
                "ticket.updated_at_with_timestamp", updatedAt, "ticket.organization.id", "9001",
                "ticket.organization.external_id", "001Dn00000ACMEAAA", "ticket.requester.email", "jane@Acme.com",
                "satisfaction.current_rating", "Good, I'm satisfied");
    }

    @Test
    void ticketCreatedEventIsATicketCreatedSignalOnTheOrganization() throws IOException {
        String body = resource("ticket-created-event.json");
        InboxEntry entry = translator.translate(body);
        assertThat(entry.source()).isEqualTo("zendesk");
        assertThat(entry.dedupeKey()).isEqualTo("01HQ7Z4YJ4B3N6VQK8X2M5C9DE");
        assertThat(entry.eventTime()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
        assertThat(entry.payload()).isEqualTo(body);
        assertThat(entry.signals()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SignalKind.TICKET_CREATED);
            assertThat(s.account()).isEqualTo(AccountKey.zendesk("9001"));
            assertThat(s.name()).isEqualTo("35436");
            assertThat(s.attributes()).containsEntry("status", "open").containsEntry("priority", "high")
                    .containsEntry("tags", "billing vip");
        });
    }

    @Test
    void statusChangedToSolvedIsATicketSolved() throws IOException {
        Signal s = translator.translate(resource("ticket-status-changed-event.json")).signals().get(0);
        assertThat(s.kind()).isEqualTo(SignalKind.TICKET_SOLVED);
        assertThat(s.occurredAt()).isEqualTo(Instant.parse("2026-01-16T14:20:05Z"));
    }

    @Test
    void statusChangedFromSolvedToOpenIsATicketReopened() throws IOException {
        String body = resource("ticket-status-changed-event.json")
                .replace("\"current\": \"SOLVED\", \"previous\": \"OPEN\"", "\"current\": \"OPEN\", \"previous\": \"SOLVED\"")
                .replace("\"status\": \"SOLVED\"", "\"status\": \"OPEN\"");
        Signal s = translator.translate(body).signals().get(0);
        assertThat(s.kind()).isEqualTo(SignalKind.TICKET_REOPENED);
        assertThat(s.attribute("status")).isEqualTo("open");
    }

    @Test
    void priorityChangeIsATicketUpdatedWithTheNewPriority() throws IOException {
        String body = resource("ticket-created-event.json")
                .replace("ticket.created", "ticket.priority_changed").replace("\"HIGH\"", "\"URGENT\"");
        Signal s = translator.translate(body).signals().get(0);
        assertThat(s.kind()).isEqualTo(SignalKind.TICKET_UPDATED);
        assertThat(s.attribute("priority")).isEqualTo("urgent");
    }

    @Test
    void organizationEventGivesAccountTraitsWithItsExternalId() throws IOException {
        InboxEntry entry = translator.translate(resource("organization-created-event.json"));
        assertThat(entry.dedupeKey()).isEqualTo("01HQ80AXZ1TF1J5H7V4W9Q2KRM");
        assertThat(entry.signals()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SignalKind.ACCOUNT_TRAITS);
            assertThat(s.account()).isEqualTo(AccountKey.zendesk("9001"));
            assertThat(s.attributes()).containsEntry("name", "Acme Corp").containsEntry("zendeskOrganizationId", "9001")
                    .containsEntry("zendeskExternalId", "001Dn00000ACMEAAA");
        });
    }

    @Test
    void theSameEventDeliveredTwiceHasTheSameDedupeKey() throws IOException {
        String body = resource("ticket-created-event.json");
        assertThat(translator.translate(body).dedupeKey()).isEqualTo(translator.translate(body).dedupeKey());
    }

    @Test
    void eventTypesThatSayNothingAboutHealthAreKeptWithoutSignals() {
        InboxEntry entry = translator.translate("""
                {"type":"zen:event-type:user.active_changed","id":"2b24ef10","time":"2026-01-15T05:33:18Z",
                 "subject":"zen:user:6596848315901","detail":{"id":"6596848315901"},"event":{"current":false}}""");
        assertThat(entry.dedupeKey()).isEqualTo("2b24ef10");
        assertThat(entry.signals()).isEmpty();
    }

    @Test
    void shippedTriggerBodyForACreatedTicketIsATicketCreated() throws IOException {
        InboxEntry entry = translator.translate(renderedTrigger("created", ticket("Open", "2026-01-15T10:00Z")));
        assertThat(entry.dedupeKey()).isEqualTo("ticket:35436:2026-01-15T10:00:00Z:created");
        assertThat(entry.eventTime()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
        assertThat(entry.signals()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SignalKind.TICKET_CREATED);
            assertThat(s.account()).isEqualTo(AccountKey.zendesk("9001"));
            assertThat(s.attributes()).containsEntry("priority", "urgent").containsEntry("status", "open")
                    .containsEntry("tags", "billing vip").containsEntry("domain", "acme.com")
                    .containsEntry("zendeskExternalId", "001Dn00000ACMEAAA");
        });
    }

    @Test
    void shippedTriggerBodyTellsSolvedFromReopened() throws IOException {
        assertThat(translator.translate(renderedTrigger("solved", ticket("Solved", "2026-01-16T09:00:00Z")))
                .signals().get(0).kind()).isEqualTo(SignalKind.TICKET_SOLVED);
        assertThat(translator.translate(renderedTrigger("reopened", ticket("Open", "2026-01-17T09:00:00Z")))
                .signals().get(0).kind()).isEqualTo(SignalKind.TICKET_REOPENED);
    }

    @Test
    void twoTriggersOnTheSameUpdateAreTwoDeliveries() throws IOException {
        var values = ticket("Solved", "2026-01-16T09:00:00Z");
        assertThat(translator.translate(renderedTrigger("solved", values)).dedupeKey())
                .isNotEqualTo(translator.translate(renderedTrigger("updated", values)).dedupeKey());
    }

    @Test
    void satisfactionRatingGoodIsOneAndBadIsZero() throws IOException {
        Signal good = translator.translate(renderedTrigger("satisfaction_rated", ticket("Solved", "2026-01-16T09:00:00Z")))
                .signals().get(0);
        assertThat(good.kind()).isEqualTo(SignalKind.SATISFACTION_RATED);
        assertThat(good.value()).isEqualTo(1.0);
        assertThat(good.name()).isEqualTo("35436");
        var bad = new java.util.HashMap<>(ticket("Solved", "2026-01-16T09:00:00Z"));
        bad.put("satisfaction.current_rating", "Bad, I'm unsatisfied");
        assertThat(translator.translate(renderedTrigger("satisfaction_rated", bad)).signals().get(0).value()).isEqualTo(0.0);
    }

    @Test
    void satisfactionOfferedButNotRatedGivesNoRating() throws IOException {
        var offered = new java.util.HashMap<>(ticket("Solved", "2026-01-16T09:00:00Z"));
        offered.put("satisfaction.current_rating", "Offered");
        assertThat(translator.translate(renderedTrigger("satisfaction_rated", offered)).signals()).isEmpty();
    }

    @Test
    void ticketWithoutOrganizationBelongsToTheRequestersDomain() throws IOException {
        var values = new java.util.HashMap<>(ticket("Open", "2026-01-15T10:00Z"));
        values.put("ticket.organization.id", "");
        values.put("ticket.organization.external_id", "");
        assertThat(translator.translate(renderedTrigger("created", values)).signals().get(0).account())
                .isEqualTo(AccountKey.domain("acme.com"));
    }

    @Test
    void personalMailboxDomainsNeverNameAnAccount() throws IOException {
        var values = new java.util.HashMap<>(ticket("Open", "2026-01-15T10:00Z"));
        values.put("ticket.organization.id", "");
        values.put("ticket.organization.external_id", "");
        values.put("ticket.requester.email", "someone@gmail.com");
        InboxEntry entry = translator.translate(renderedTrigger("created", values));
        assertThat(entry.signals()).isEmpty();
        values.put("ticket.organization.id", "9001");
        assertThat(translator.translate(renderedTrigger("created", values)).signals().get(0).attributes()).doesNotContainKey("domain");
    }

    @Test
    void aTriggerBodyWithUnrenderedPlaceholdersIsRejected() throws IOException {
        String raw = Files.readString(Path.of("../deploy/zendesk/trigger-body.json"));
        assertRejected(() -> translator.translate(raw), 400);
    }

    @Test
    void anUnknownTriggerEventIsRejected() throws IOException {
        String body = renderedTrigger("deleted", ticket("Open", "2026-01-15T10:00Z"));
        assertRejected(() -> translator.translate(body), 400);
    }

    @Test
    void anEventStampedInTheFutureIsRejected() throws IOException {
        String body = resource("ticket-created-event.json").replace("\"time\":\"2026-01-15T10:00:00Z\"", "\"time\":\"2026-01-20T12:06:00Z\"");
        assertRejected(() -> translator.translate(body), 400);
    }

    @Test
    void hostileBodiesAreMalformedInput() throws IOException {
        String body = resource("ticket-created-event.json");
        assertRejected(() -> translator.translate(body.substring(0, body.length() / 2)), 400);
        assertRejected(() -> translator.translate("[1,2,3]"), 400);
        assertRejected(() -> translator.translate("{\"hello\":\"world\"}"), 400);
        assertRejected(() -> translator.translate("{\"type\":\"zen:event-type:ticket.created\",\"time\":\"2026-01-15T10:00:00Z\"}"), 400);
        assertRejected(() -> translator.translate("[".repeat(10_000) + "]".repeat(10_000)), 400);
        assertRejected(() -> translator.translate("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)), 400);
    }

    static void assertRejected(Runnable call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(status));
    }

    /** An identifier or name longer than the store keeps is refused at the door, not acknowledged and then lost. */
    @Test
    void anOrganizationIdOrNameLongerThanTheStoreKeepsIsRefused() throws IOException {
        String event = resource("organization-created-event.json");
        String longId = "9".repeat(256);
        assertThatThrownBy(() -> translator.translate(event.replace("\"9001\"", "\"" + longId + "\"")
                .replace("zen:organization:9001", "zen:organization:" + longId)))
                .isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessageContaining("longer than 255");
        assertThatThrownBy(() -> translator.translate(event.replace("\"Acme Corp\"", "\"" + "A".repeat(501) + "\"")))
                .isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessageContaining("the name is longer than 500");
        assertThat(translator.translate(event.replace("\"Acme Corp\"", "\"" + "A".repeat(500) + "\"")).signals()).isNotEmpty();
    }
}
