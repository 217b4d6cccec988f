package io.csbridge.webhooks.slack;

import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackEventTranslatorTest {

    final SlackEventTranslator translator = new SlackEventTranslator();

    static final String EVENT = """
            {"token":"unused","team_id":"T0ACME","api_app_id":"A0CSBRIDGE","type":"event_callback",
             "event_id":"Ev08MFMKH6","event_time":1768471200,
             "event":{"type":"app_mention","user":"U02CSMJANE","text":"<@U0BOT> health acme","ts":"1768471200.000200","channel":"C0CSALERTS"}}""";

    @Test
    void urlVerificationIsAnsweredWithItsChallenge() {
        var outcome = translator.translate("{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\","
                + "\"type\":\"url_verification\"}");
        assertThat(outcome.challenge()).contains("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assertThat(outcome.entry()).isEmpty();
    }

    @Test
    void anEventIsKeptOnceByItsEventId() {
        var entry = translator.translate(EVENT).entry().orElseThrow();
        assertThat(entry.source()).isEqualTo("slack");
        assertThat(entry.dedupeKey()).isEqualTo("event:Ev08MFMKH6");
        assertThat(entry.eventTime()).isEqualTo(Instant.ofEpochSecond(1768471200));
        assertThat(entry.payload()).isEqualTo(EVENT);
    }

    @Test
    void rateLimitNoticesAreAcknowledgedWithoutStoring() {
        var outcome = translator.translate("{\"token\":\"x\",\"team_id\":\"T0ACME\",\"minute_rate_limited\":1518467820,"
                + "\"api_app_id\":\"A0CSBRIDGE\",\"type\":\"app_rate_limited\"}");
        assertThat(outcome.challenge()).isEmpty();
        assertThat(outcome.entry()).isEmpty();
    }

    @Test
    void hostileEventBodiesAreRejected() {
        assertRejected(EVENT.substring(0, 80));
        assertRejected(EVENT.replace("\"event_id\":\"Ev08MFMKH6\",", ""));
        assertRejected("{\"type\":\"url_verification\"}");
        assertRejected("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000));
    }

    void assertRejected(String body) {
        assertThatThrownBy(() -> translator.translate(body)).isInstanceOfSatisfying(HookRejection.class,
                r -> assertThat(r.status()).isEqualTo(400));
    }
}
