package io.csbridge.webhooks.usage;

import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the store cannot hold, or a number that is not what it says, is refused at the door with 400. */
class SegmentBoundsTest {

    final SegmentTranslator translator = new SegmentTranslator(Clock.fixed(Instant.parse("2026-02-01T12:00:00Z"), ZoneOffset.UTC));

    private void refused(String message, String reason) {
        assertThatThrownBy(() -> translator.translate(message))
                .isInstanceOfSatisfying(HookRejection.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains(reason);
                });
    }

    @Test
    void aGroupIdLongerThanTheStoreKeepsIsRefusedNotAcknowledged() {
        refused("{\"type\":\"group\",\"messageId\":\"m1\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"groupId\":\""
                + "g".repeat(256) + "\",\"traits\":{}}", "255");
        assertThat(translator.translate("{\"type\":\"group\",\"messageId\":\"m1\",\"timestamp\":\"2026-01-01T00:00:00Z\","
                + "\"groupId\":\"" + "g".repeat(255) + "\",\"traits\":{}}")).hasSize(1);
    }

    @Test
    void aUserIdOrNameLongerThanTheStoreKeepsIsRefused() {
        refused("{\"type\":\"track\",\"messageId\":\"m2\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"event\":\"Login\","
                + "\"userId\":\"" + "u".repeat(256) + "\",\"context\":{\"groupId\":\"acme\"}}", "user");
        refused("{\"type\":\"group\",\"messageId\":\"m3\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"groupId\":\"acme\","
                + "\"traits\":{\"name\":\"" + "n".repeat(501) + "\"}}", "name");
    }

    @Test
    void anArrBeyondWhatADoubleHoldsIsRefusedNotStoredAsInfinity() {
        refused("{\"type\":\"group\",\"messageId\":\"m4\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"groupId\":\"acme\","
                + "\"traits\":{\"arr\":1e400}}", "arr");
    }

    @Test
    void anNpsScoreThatOnlyWrapsIntoRangeIsRefused() {
        refused("{\"type\":\"track\",\"messageId\":\"m5\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"event\":\"NPS Answered\","
                + "\"userId\":\"u1\",\"context\":{\"groupId\":\"acme\"},\"properties\":{\"score\":4294967301}}", "score");
    }

    @Test
    void anyBatchUnderTheBodyLimitIsTakenWhateverItsCount() {
        StringBuilder body = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 5_000; i++) {
            if (i > 0) body.append(',');
            body.append("{\"type\":\"track\",\"messageId\":\"b").append(i)
                    .append("\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"event\":\"Login\",\"userId\":\"u\",\"context\":{\"groupId\":\"acme\"}}");
        }
        body.append("]}");
        assertThat(body.length()).isLessThan(1 << 20);
        assertThat(translator.translate(body.toString())).hasSize(5_000);
    }
}
