package io.csbridge.webhooks.usage;

import io.csbridge.domain.signal.Signal;
import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CONTRACT §3: a group message's traits.churned and its other scalar traits (custom attributes, within limits). */
class GroupTraitsTest {

    final SegmentTranslator translator = new SegmentTranslator(Clock.fixed(Instant.parse("2026-02-01T12:00:00Z"), ZoneOffset.UTC));

    Signal group(String traits) {
        return translator.translate("""
                {"type":"group","messageId":"g1","groupId":"acme","timestamp":"2026-01-30T10:00:00Z","traits":%s}"""
                .formatted(traits)).get(0).signals().get(0);
    }

    @Test
    void otherScalarTraitsBecomeCustomAttributesAndChurnedIsKept() {
        Signal s = group("""
                {"name":"Acme","plan":"pro","churned":true,"Contract":"Two year","tenure":34,"paperless":false,
                 "address":{"city":"Tokyo"},"tags":["a"],"empty":null}""");
        assertThat(s.attributes()).containsEntry("churned", "true").containsEntry("plan", "pro")
                .containsEntry("custom.Contract", "Two year").containsEntry("custom.tenure", "34")
                .containsEntry("custom.paperless", "false")
                .doesNotContainKeys("custom.address", "custom.tags", "custom.empty", "custom.name", "custom.plan", "custom.churned");
        assertThat(group("{\"churned\":\"false\"}").attributes()).containsEntry("churned", "false");
    }

    @Test
    void overTheLimitsIsRefusedWith400() {
        assertThatThrownBy(() -> group("{\"" + "n".repeat(65) + "\":1}"))
                .isInstanceOfSatisfying(HookRejection.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> group("{\"note\":\"" + "x".repeat(256) + "\"}")).isInstanceOf(HookRejection.class);
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 51; i++) many.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":").append(i);
        assertThatThrownBy(() -> group(many.append('}').toString())).isInstanceOf(HookRejection.class);
        assertThatThrownBy(() -> group("{\"churned\":\"maybe\"}")).isInstanceOf(HookRejection.class);
        assertThat(group("{\"" + "n".repeat(64) + "\":\"" + "x".repeat(255) + "\"}").attributes()).hasSize(1);
    }
}
