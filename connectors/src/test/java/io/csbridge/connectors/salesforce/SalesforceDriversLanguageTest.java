package io.csbridge.connectors.salesforce;

import io.csbridge.connectors.Settings;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.csbridge.connectors.salesforce.SalesforceSandboxTest.AS_OF;
import static io.csbridge.connectors.salesforce.SalesforceSandboxTest.channel;
import static org.assertj.core.api.Assertions.assertThat;

/** CS_Health_Drivers__c in the configured language ({@code csbridge.language}); the band value stays the picklist's. */
class SalesforceDriversLanguageTest {

    static AccountScore unknown() {
        return new AccountScore(50, Band.UNKNOWN, 15, 0, "tech-touch", null, List.of(
                new Driver("evidence", 0, 0, "too little evidence to judge: data for 0% of the model's weight, 30% needed "
                        + "(activeDays: no product usage seen)", Map.of("evidence", 0, "minEvidence", 30, "unknown", true,
                        "missing", List.of("activeDays"))),
                new Driver("urgentTickets", 50, 10, "1 urgent ticket open", Map.of("urgentOpenTickets", 1))), List.of(), AS_OF);
    }

    @Test
    void englishByDefault() {
        assertThat(channel(Settings.of(Map.of())).fields(unknown()))
                .containsEntry("CS_Health_Band__c", "Unknown")
                .containsEntry("CS_Health_Drivers__c", "too little evidence to judge: data for 0% of the model's weight, "
                        + "30% needed (activeDays: no product usage seen); 1 urgent ticket open");
    }

    @Test
    void japaneseWhenConfigured() {
        assertThat(channel(Settings.of(Map.of("csbridge.language", "ja"))).fields(unknown()))
                .containsEntry("CS_Health_Band__c", "Unknown")
                .containsEntry("CS_Health_Drivers__c", "判定に必要なデータが不足: データがあるのはモデルの重みの 0%(必要 30%)。"
                        + "データなし: 利用日数; 未解決の緊急チケット 1件");
    }
}
