package io.csbridge.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountKeys;
import io.csbridge.connectors.Settings;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;
import io.csbridge.json.Json;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.VendorCall;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceSandboxTest {

    static final Instant AS_OF = Instant.parse("2026-03-01T12:00:00Z");

    final SalesforceChannel channel = channel(Settings.of(Map.of()));

    static SalesforceChannel channel(Settings settings) {
        return new SalesforceChannel(new SalesforceOrg(SalesforceSettings.from(settings), Clock.systemUTC(), io.csbridge.connectors.TestDatabase.budgets(Clock.systemUTC())));
    }

    static AccountScore score(int health, Band band, Integer trend) {
        return new AccountScore(health, band, 40, 75, "high-touch", trend,
                List.of(new Driver("logins", 20, -15, "Logins fell by half", Map.of()),
                        new Driver("tickets", 50, -5, "Two urgent tickets open", Map.of())),
                List.of(), AS_OF);
    }

    @Test
    void withoutCredentialsTheChannelIsInSandboxMode() {
        assertThat(channel.live()).isFalse();
        SalesforceChannel withSecret = channel(Settings.of(
                Map.of("salesforce.client-id", "id", "salesforce.client-secret", "s")));
        assertThat(withSecret.live()).isTrue();
        SalesforceChannel withBlankSecret = channel(Settings.of(
                Map.of("salesforce.client-id", "id", "salesforce.client-secret", " ")));
        assertThat(withBlankSecret.live()).isFalse();
    }

    @Test
    void theTargetIsTheAccountsSalesforceId() {
        assertThat(channel.target(AccountKeys.of(List.of(AccountKey.product("acme"), AccountKey.salesforce("001A")))))
                .contains("001A");
        assertThat(channel.target(AccountKeys.of(List.of(AccountKey.product("acme"))))).isEmpty();
    }

    @Test
    void fieldsAreTheContractsAccountFieldsWithoutTheAsOfTime() {
        Map<String, Object> fields = channel.fields(score(62, Band.YELLOW, -8));
        assertThat(fields).containsOnlyKeys("CS_Health_Score__c", "CS_Health_Band__c", "CS_Churn_Risk__c",
                "CS_Onboarding_Completion__c", "CS_Health_Trend__c", "CS_Health_Drivers__c");
        assertThat(fields).containsEntry("CS_Health_Band__c", "Yellow").containsEntry("CS_Health_Trend__c", -8)
                .containsEntry("CS_Health_Drivers__c", "Logins fell by half; Two urgent tickets open");
    }

    @Test
    void fieldApiNamesAreConfigurable() {
        SalesforceChannel renamed = channel(Settings.of(
                Map.of("salesforce.field.health-score", "Health__c")));
        assertThat(renamed.fields(score(62, Band.YELLOW, 1))).containsKey("Health__c").doesNotContainKey("CS_Health_Score__c");
    }

    @Test
    void previewRendersOneCollectionsRequestPer200Records() throws Exception {
        List<OutboundWrite> writes = new ArrayList<>();
        for (int i = 0; i < 401; i++) {
            writes.add(new OutboundWrite(i, "acct-" + i, "001" + i, channel.fields(score(62, Band.YELLOW, null)), AS_OF, 1));
        }
        List<VendorCall> calls = channel.preview(writes);
        assertThat(calls).hasSize(3);
        assertThat(calls).allSatisfy(c -> {
            assertThat(c.method()).isEqualTo("PATCH");
            assertThat(c.url()).endsWith("/services/data/v66.0/composite/sobjects");
        });
        JsonNode first = Json.MAPPER.readTree(calls.get(0).body());
        assertThat(first.get("allOrNone").asBoolean()).isFalse();
        assertThat(first.get("records")).hasSize(200);
        JsonNode record = first.get("records").get(0);
        assertThat(record.get("attributes").get("type").asText()).isEqualTo("Account");
        assertThat(record.get("id").asText()).isEqualTo("0010");
        assertThat(record.get("CS_Health_Score__c").asInt()).isEqualTo(62);
        assertThat(record.get("CS_Health_As_Of__c").asText()).isEqualTo("2026-03-01T12:00:00.000Z");
        assertThat(record.get("CS_Health_Trend__c").isNull()).as("an unknown trend clears the field").isTrue();
        assertThat(Json.MAPPER.readTree(calls.get(2).body()).get("records")).hasSize(1);
    }
}
