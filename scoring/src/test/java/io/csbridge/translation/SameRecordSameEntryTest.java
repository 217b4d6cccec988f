package io.csbridge.translation;

import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.translation.salesforce.SalesforceFields;
import io.csbridge.translation.salesforce.SalesforceRecord;
import io.csbridge.translation.salesforce.SalesforceSignals;
import io.csbridge.translation.zendesk.ZendeskRecords;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one mapping: a record as a webhook sends it and as a backfill reads it gives the same entry key and signals. */
class SameRecordSameEntryTest {

    final SalesforceSignals salesforce = new SalesforceSignals(SalesforceFields.defaults(),
            Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void anAccountFromAnOutboundMessageAndFromAQueryIsOneEntry() {
        // Outbound Messages write 2026-01-15T10:00:00.000Z; the REST query API 2026-01-15T10:00:00.000+0000.
        InboxEntry webhook = salesforce.entry(new SalesforceRecord("Account", Map.of("Id", "001A", "Name", "Acme",
                "AnnualRevenue", "120000", "LastModifiedDate", "2026-01-15T10:00:00.000Z")), "{}");
        InboxEntry query = salesforce.entry(new SalesforceRecord("Account", Map.of("Id", "001A", "Name", "Acme",
                "AnnualRevenue", "1.2E5", "LastModifiedDate", "2026-01-15T10:00:00.000+0000")), "{}");
        assertThat(query.dedupeKey()).isEqualTo(webhook.dedupeKey()).isEqualTo("Account/001A/2026-01-15T10:00:00Z");
        assertThat(query.signals()).isEqualTo(webhook.signals());
    }

    @Test
    void aClosedOpportunityCountsOnItsCloseDateOnceWhateverItsLaterEdits() {
        Map<String, String> won = Map.of("Id", "006A", "AccountId", "001A", "StageName", "Closed Won", "IsClosed", "true",
                "IsWon", "true", "CloseDate", "2026-01-31", "Amount", "5000", "Type", "Upsell", "LastModifiedDate", "2026-02-03T08:00:00.000Z");
        InboxEntry first = salesforce.entry(new SalesforceRecord("Opportunity", won), "{}");
        Map<String, String> edited = new java.util.HashMap<>(won);
        edited.put("LastModifiedDate", "2026-02-20T08:00:00.000Z");
        InboxEntry later = salesforce.entry(new SalesforceRecord("Opportunity", edited), "{}");
        assertThat(first.dedupeKey()).isEqualTo(later.dedupeKey()).isEqualTo("Opportunity/006A/closed-won");
        assertThat(first.eventTime()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z"));
        assertThat(first.signals()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SignalKind.OPPORTUNITY_CLOSED);
            assertThat(s.value()).as("the amount").isEqualTo(5000.0);
        });
    }

    @Test
    void aRecordWithoutItsStampIsRejectedNotGuessed() {
        assertThatThrownBy(() -> salesforce.entry(new SalesforceRecord("Account", Map.of("Id", "001A")), "{}"))
                .isInstanceOf(RecordRejected.class).hasMessageContaining("LastModifiedDate");
    }

    @Test
    void anExportedTicketIsKeyedAsTheTriggerKeysTheSameChange() {
        InboxEntry solved = ZendeskRecords.exportedTicket("42", "solved", "urgent", List.of("vip"), "9001",
                "2026-01-10T09:00:00Z", "2026-01-15T10:00:00Z", "{}");
        assertThat(solved.dedupeKey()).isEqualTo(ZendeskRecords.ticketKey("42", Instant.parse("2026-01-15T10:00:00Z"), "solved"));
        assertThat(solved.signals().get(0).kind()).isEqualTo(SignalKind.TICKET_SOLVED);
        InboxEntry created = ZendeskRecords.exportedTicket("43", "new", null, List.of(), "9001",
                "2026-01-15T10:00:00Z", "2026-01-15T10:00:00Z", "{}");
        assertThat(created.dedupeKey()).isEqualTo("ticket:43:2026-01-15T10:00:00Z:created");
    }
}
