package io.csbridge.webhooks.slack;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.json.Json;
import io.csbridge.vendors.AlertButtonValue;
import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertActionTranslatorTest {

    final AlertActionTranslator translator = new AlertActionTranslator();

    static String payload() {
        try (InputStream in = AlertActionTranslatorTest.class.getResourceAsStream("/slack/block-actions-create-task.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The form body Slack posts: {@code payload=<url-encoded JSON>}. */
    static String form(String payloadJson) {
        return "payload=" + URLEncoder.encode(payloadJson, StandardCharsets.UTF_8);
    }

    List<InboxEntry> translate(String formBody) {
        return translator.translate(FormFields.parse(formBody));
    }

    @Test
    void createTaskPressIsRecordedAsAnAlertActionSignalOnTheAccount() throws IOException {
        InboxEntry entry = translate(form(payload())).get(0);
        assertThat(entry.source()).isEqualTo("slack");
        assertThat(entry.dedupeKey()).isEqualTo("cs_create_task:1768471234.567890:U02CSMJANE");
        assertThat(entry.eventTime()).isEqualTo(Instant.parse("2026-01-15T10:00:34.567890Z"));
        assertThat(entry.signals()).hasSize(1);
        Signal press = entry.signals().get(0);
        assertThat(press.kind()).isEqualTo(SignalKind.ALERT_ACTION);
        assertThat(press.account()).isEqualTo(AccountKey.account("001Dn00000ACMEAAA"));
        assertThat(press.name()).isEqualTo("cs_create_task");
        assertThat(press.occurredAt()).isEqualTo(entry.eventTime());
        assertThat(press.attributes()).containsEntry("alertId", "812").containsEntry("by", "U02CSMJANE")
                .containsEntry("byName", "jane.doe").containsEntry("channel", "C0CSALERTS")
                .containsEntry("messageTs", "1768471200.000100");
        JsonNode record = Json.MAPPER.readTree(entry.payload());
        assertThat(record.path("kind").asText()).isEqualTo("alert_action");
        assertThat(record.path("action").asText()).isEqualTo("cs_create_task");
        assertThat(record.path("alertId").asText()).isEqualTo("812");
        assertThat(record.path("accountId").asText()).isEqualTo("001Dn00000ACMEAAA");
        assertThat(record.path("user").path("id").asText()).isEqualTo("U02CSMJANE");
        assertThat(record.path("user").path("name").asText()).isEqualTo("jane.doe");
        assertThat(record.path("channel").asText()).isEqualTo("C0CSALERTS");
        assertThat(record.path("messageTs").asText()).isEqualTo("1768471200.000100");
        assertThat(record.path("responseUrl").asText()).startsWith("https://hooks.slack.com/actions/");
        assertThat(record.path("slack").path("type").asText()).isEqualTo("block_actions");
    }

    @Test
    void ackAndSnoozeAreRecordedToo() {
        assertThat(translate(form(payload().replace("cs_create_task", "cs_ack"))).get(0).dedupeKey())
                .isEqualTo("cs_ack:1768471234.567890:U02CSMJANE");
        assertThat(translate(form(payload().replace("cs_create_task", "cs_snooze"))).get(0).dedupeKey())
                .startsWith("cs_snooze:");
    }

    @Test
    void theSamePressDeliveredTwiceHasTheSameDedupeKey() {
        assertThat(translate(form(payload())).get(0).dedupeKey()).isEqualTo(translate(form(payload())).get(0).dedupeKey());
    }

    @Test
    void otherButtonsAndOtherInteractionsAreIgnored() {
        assertThat(translate(form(payload().replace("cs_create_task", "open_in_salesforce")))).isEmpty();
        assertThat(translate(form(payload().replace("\"type\": \"block_actions\"", "\"type\": \"view_submission\"")))).isEmpty();
    }

    @Test
    void anAccountIdWithSeparatorsSurvivesTheButtonValue() {
        var value = new AlertButtonValue("a-1", "product:acme|eu");
        assertThat(value.format()).isEqualTo("a-1|product:acme|eu");
        assertThat(AlertActionTranslator.buttonValue(value.format())).isEqualTo(value);
    }

    @Test
    void aButtonValueCsBridgeDidNotWriteIsRejected() {
        for (String bad : List.of("812", "812|", "|001", "8 12|001", "cs1:812:001", "812|" + "x".repeat(300))) {
            assertThatThrownBy(() -> AlertActionTranslator.buttonValue(bad)).as(bad).isInstanceOfSatisfying(HookRejection.class,
                    r -> assertThat(r.status()).isEqualTo(400));
        }
        assertRejected(form(payload().replace("812|001Dn00000ACMEAAA", "812")));
    }

    @Test
    void hostileInteractionBodiesAreMalformed() {
        assertRejected("");
        assertRejected("payload=");
        assertRejected("payload=%7B%22type%22%3A");                    // truncated JSON
        assertRejected("payload=%7Bbroken%escape");                   // broken %-escape
        assertRejected("payload=%C3%28");                              // not UTF-8
        assertRejected(form("[".repeat(10_000) + "]".repeat(10_000))); // nested 10,000 deep
        assertRejected(form(payload().replace("\"action_ts\": \"1768471234.567890\"", "\"action_ts\": \"soon\"")));
    }

    @Test
    void formFieldsAreDecodedStrictly() {
        assertThat(FormFields.parse("text=acme+corp&command=%2Fhealth&empty=&text=second"))
                .isEqualTo(Map.of("text", "acme corp", "command", "/health", "empty", ""));
    }

    void assertRejected(String formBody) {
        assertThatThrownBy(() -> translate(formBody)).isInstanceOfSatisfying(HookRejection.class,
                r -> assertThat(r.status()).isEqualTo(400));
    }
}
