package io.csbridge.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LingerTest {

    @Test
    void aChannelLingersAsConfiguredForItElseAsItsBuiltInDefaultElseAsTheOutboxDefault() {
        Map<String, String> config = Map.of("outbox.linger-ms", "700", "outbox.zendesk.linger-ms", "5000",
                "outbox.quiet-ms", "100");
        assertThat(Linger.forChannel("salesforce", Optional.empty(), name -> Optional.ofNullable(config.get(name))))
                .isEqualTo(new Linger(Duration.ofMillis(700), Duration.ofMillis(100)));
        assertThat(Linger.forChannel("zendesk", Optional.of(Duration.ofSeconds(3)), name -> Optional.ofNullable(config.get(name))).linger())
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(Linger.forChannel("slack", Optional.of(Duration.ZERO), name -> Optional.ofNullable(config.get(name))).linger()).isZero();
    }

    @Test
    void withNothingConfiguredWritesLingerASecondZendeskThreeAndSlackNotAtAll() {
        assertThat(Linger.forChannel("salesforce", Optional.empty(), name -> Optional.empty()))
                .isEqualTo(new Linger(Duration.ofSeconds(1), Duration.ofMillis(250)));
        assertThat(Linger.forChannel("zendesk", Optional.of(Duration.ofSeconds(3)), name -> Optional.empty()).linger()).isEqualTo(Duration.ofSeconds(3));
        assertThat(Linger.forChannel("slack", Optional.of(Duration.ZERO), name -> Optional.empty()).linger()).isZero();
    }

    @Test
    void aLingerThatIsNotANumberIsRefusedWithItsName() {
        assertThatThrownBy(() -> Linger.forChannel("salesforce", Optional.empty(), name -> Optional.of("1s")))
                .hasMessageContaining("outbox.linger-ms");
    }
}
