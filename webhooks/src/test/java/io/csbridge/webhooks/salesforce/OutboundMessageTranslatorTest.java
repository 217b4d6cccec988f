package io.csbridge.webhooks.salesforce;

import io.csbridge.translation.salesforce.SalesforceFields;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.csbridge.webhooks.salesforce.OutboundMessages.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundMessageTranslatorTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
    final OutboundMessageReader reader = new OutboundMessageReader();
    final OutboundMessageTranslator translator = new OutboundMessageTranslator(SalesforceFields.defaults(), CLOCK);

    List<InboxEntry> translate(String xml) {
        return translator.translate(reader.read(xml));
    }

    @Test
    void accountNotificationGivesAccountTraitsKeyedBySalesforceIdWithTheWebsiteDomain() {
        InboxEntry entry = translate(sample("account-notification.xml")).get(0);
        assertThat(entry.source()).isEqualTo("salesforce");
        assertThat(entry.dedupeKey()).isEqualTo("Account/001Dn00000ACMEAAA/2026-01-15T10:00:00Z"); // the record and its stamp, as the backfill keys it
        assertThat(entry.eventTime()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
        Signal traits = entry.signals().get(0);
        assertThat(traits.kind()).isEqualTo(SignalKind.ACCOUNT_TRAITS);
        assertThat(traits.account()).isEqualTo(AccountKey.salesforce("001Dn00000ACMEAAA"));
        assertThat(traits.occurredAt()).isEqualTo(Instant.parse("2026-01-15T10:00:00Z"));
        assertThat(traits.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "salesforceAccountId", "001Dn00000ACMEAAA", "name", "Acme Corp & Sons", "owner", "0055g00000CSMJANE",
                "plan", "Customer - Enterprise", "arr", "120000", "seats", "50", "domain", "acme.com",
                "renewalDate", "2026-09-30"));
    }

    @Test
    void checkedMilestoneFieldsAreMilestonesReached() {
        List<Signal> signals = translate(sample("account-notification.xml")).get(0).signals();
        assertThat(signals).filteredOn(s -> s.kind() == SignalKind.MILESTONE_REACHED).singleElement().satisfies(m -> {
            assertThat(m.name()).isEqualTo("kickoff_done");
            assertThat(m.attribute("source")).isEqualTo("crm");
            assertThat(m.account()).isEqualTo(AccountKey.salesforce("001Dn00000ACMEAAA"));
        });
    }

    @Test
    void fieldMeaningsComeFromConfiguration() {
        var fields = SalesforceFields.from(name -> Optional.ofNullable(Map.of(
                "salesforce.field.arr", "CS_Seats__c",
                "salesforce.field.plan", "none",
                "salesforce.milestone-fields", "CS_Milestone_Integration_Live__c=integration, Description=unused",
                "salesforce.milestone-field-prefix", "none").get(name)));
        var entry = new OutboundMessageTranslator(fields, CLOCK).translate(reader.read(sample("account-notification.xml"))).get(0);
        assertThat(entry.signals().get(0).attributes()).containsEntry("arr", "50").doesNotContainKey("plan");
        assertThat(entry.signals()).noneMatch(s -> s.kind() == SignalKind.MILESTONE_REACHED); // the listed one is unchecked
    }

    @Test
    void lostRenewalIsAnOpportunityClosedLostWithItsAmount() {
        InboxEntry entry = translate(sample("opportunity-renewal-lost.xml")).get(0);
        assertThat(entry.dedupeKey()).isEqualTo("Opportunity/0065g00000RENEWAAA/closed-lost"); // closed once, however often sent
        assertThat(entry.signals()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SignalKind.OPPORTUNITY_CLOSED);
            assertThat(s.account()).isEqualTo(AccountKey.salesforce("001Dn00000ACMEAAA"));
            assertThat(s.name()).isEqualTo("0065g00000RENEWAAA");
            assertThat(s.value()).isEqualTo(120000.0);
            assertThat(s.attributes()).containsEntry("type", "renewal").containsEntry("outcome", "lost")
                    .containsEntry("closeDate", "2026-01-31");
            assertThat(s.occurredAt()).isEqualTo(Instant.parse("2026-01-31T00:00:00Z")); // its close date
        });
    }

    @Test
    void wonUpsellAndCrossSellAreTold() {
        String upsell = sample("opportunity-renewal-lost.xml").replace("<sf:IsWon>false</sf:IsWon>", "<sf:IsWon>true</sf:IsWon>")
                .replace("Closed Lost", "Closed Won").replace("<sf:Type>Renewal</sf:Type>", "<sf:Type>Existing Customer - Upgrade</sf:Type>");
        assertThat(translate(upsell).get(0).signals().get(0).attributes()).containsEntry("type", "upsell").containsEntry("outcome", "won");
        String crossSell = upsell.replace("Existing Customer - Upgrade", "Cross-sell");
        assertThat(translate(crossSell).get(0).signals().get(0).attribute("type")).isEqualTo("cross-sell");
    }

    @Test
    void anOpenOpportunityGivesNoSignal() {
        String open = sample("opportunity-renewal-lost.xml").replace("<sf:IsClosed>true</sf:IsClosed>", "<sf:IsClosed>false</sf:IsClosed>")
                .replace("Closed Lost", "Negotiation/Review");
        assertThat(translate(open).get(0).signals()).isEmpty();
    }

    @Test
    void aReplayedOutboundMessageHasTheSameDedupeKeys() {
        String xml = OutboundMessages.accounts(100);
        assertThat(translate(xml)).extracting(InboxEntry::dedupeKey).hasSize(100).doesNotHaveDuplicates()
                .isEqualTo(translate(xml).stream().map(InboxEntry::dedupeKey).toList());
    }

    @Test
    void eachNotificationIsItsOwnEntryStampedWithItsOwnLastModifiedDate() {
        List<InboxEntry> entries = translate(OutboundMessages.accounts(3));
        assertThat(entries).extracting(InboxEntry::eventTime).containsExactly(
                Instant.parse("2026-01-01T09:00:00Z"), Instant.parse("2026-01-02T09:00:00Z"), Instant.parse("2026-01-03T09:00:00Z"));
        assertThat(entries.get(1).payload()).contains("\"notificationId\":\"04l5g00000N0000001AAA\"").contains("Customer 1");
    }

    @Test
    void aNotificationWithoutLastModifiedDateIsRejected() {
        String xml = sample("account-notification.xml").replace("<sf:LastModifiedDate>2026-01-15T10:00:00.000Z</sf:LastModifiedDate>", "");
        assertThatThrownBy(() -> translate(xml)).isInstanceOfSatisfying(HookRejection.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("LastModifiedDate");
        });
    }

    /** 1E999999999 would be a billion characters as a plain decimal: it is refused before conversion. */
    @Test
    void aHugeExponentIsRefusedBeforeItIsWrittenOut() {
        String xml = sample("account-notification.xml").replace("<sf:AnnualRevenue>1.2E5</sf:AnnualRevenue>",
                "<sf:AnnualRevenue>1E999999999</sf:AnnualRevenue>");
        assertThatThrownBy(() -> translate(xml)).isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessageContaining("AnnualRevenue is out of range");
    }

    @Test
    void negativeOrNotFiniteAmountsAreRefusedWithTheReason() {
        String account = sample("account-notification.xml");
        String opportunity = sample("opportunity-renewal-lost.xml");
        assertThatThrownBy(() -> translate(account.replace(">1.2E5<", ">-1.2E5<"))).hasMessageContaining("AnnualRevenue is negative");
        assertThatThrownBy(() -> translate(account.replace(">50.0<", ">NaN<"))).hasMessageContaining("CS_Seats__c is not a finite number");
        assertThatThrownBy(() -> translate(account.replace(">50.0<", ">-Infinity<"))).hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> translate(opportunity.replace(">120000.0<", ">-5<"))).isInstanceOfSatisfying(HookRejection.class,
                r -> assertThat(r.status()).isEqualTo(400)).hasMessageContaining("Amount is negative");
        assertThatThrownBy(() -> translate(opportunity.replace(">120000.0<", ">NaN<"))).hasMessageContaining("Amount is not a finite number");
        assertThatThrownBy(() -> translate(opportunity.replace(">120000.0<", ">1E16<"))).hasMessageContaining("Amount is out of range");
    }

    @Test
    void tinyOrLongFractionsAreBoundedNotWrittenOut() {
        String account = sample("account-notification.xml");
        assertThat(translate(account.replace(">1.2E5<", ">1E-999999999<")).get(0).signals().get(0).attribute("arr")).isEqualTo("0");
        assertThat(translate(account.replace(">1.2E5<", ">1234.56789012345<")).get(0).signals().get(0).attribute("arr"))
                .isEqualTo("1234.56789");
        assertThat(translate(account.replace(">1.2E5<", ">not a number<")).get(0).signals().get(0).attributes()).doesNotContainKey("arr");
    }

    @Test
    void websitesAreReadAsDomains() {
        assertThat(OutboundMessageTranslator.domainOf("https://www.Acme.com/about")).isEqualTo("acme.com");
        assertThat(OutboundMessageTranslator.domainOf("acme.co.uk")).isEqualTo("acme.co.uk");
        assertThat(OutboundMessageTranslator.domainOf("http://shop.acme.io:8080")).isEqualTo("shop.acme.io");
        assertThat(OutboundMessageTranslator.domainOf("n/a")).isNull();
        assertThat(OutboundMessageTranslator.domainOf("localhost")).isNull();
    }

    /** A Salesforce Id or owner longer than the store keeps is refused at the door (400), naming the notification. */
    @Test
    void anIdOrOwnerLongerThanTheStoreKeepsIsRefused() {
        String xml = sample("account-notification.xml");
        assertThatThrownBy(() -> translate(xml.replace("0055g00000CSMJANE", "0".repeat(256))))
                .isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessageContaining("owner is longer than 255");
        assertThatThrownBy(() -> translate(xml.replace("Acme Corp &amp; Sons", "A".repeat(501))))
                .isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(400))
                .hasMessageContaining("the name is longer than 500");
    }
}
