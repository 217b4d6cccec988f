package io.csbridge.vendors;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertButtonValueTest {

    @Test
    void theValueTheChannelWritesIsTheOneTheHookReads() {
        String written = AlertButtonValue.format("812", "001Dn00000ACMEAAA");
        assertThat(written).isEqualTo("812|001Dn00000ACMEAAA");
        assertThat(AlertButtonValue.parse(written)).contains(new AlertButtonValue("812", "001Dn00000ACMEAAA"));
    }

    @Test
    void anAccountIdWithSeparatorsSurvivesTheButtonValue() {
        var value = new AlertButtonValue("a-1", "product:acme|eu");
        assertThat(value.format()).isEqualTo("a-1|product:acme|eu");
        assertThat(AlertButtonValue.parse(value.format())).contains(value);
    }

    @Test
    void aValueCsBridgeDidNotWriteIsNotRead() {
        for (String bad : List.of("812", "812|", "|001", "8 12|001", "cs1:812:001", "812|" + "x".repeat(300),
                "812|" + "x".repeat(AlertButtonValue.SLACK_LIMIT))) {
            assertThat(AlertButtonValue.parse(bad)).as(bad).isEmpty();
        }
        assertThat(AlertButtonValue.parse(null)).isEmpty();
    }

    @Test
    void theButtonsAreTheThreeAlertActions() {
        assertThat(SlackAlertActions.ALL).containsExactly("cs_ack", "cs_snooze", "cs_create_task");
        assertThat(SlackAlertActions.isAlertAction("cs_snooze")).isTrue();
        assertThat(SlackAlertActions.isAlertAction("open_in_salesforce")).isFalse();
    }
}
