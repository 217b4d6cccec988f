package io.csbridge.connectors;

import io.csbridge.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CircuitBreakerTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));
    final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(60), clock);

    @Test
    void opensAfterTheThresholdOfFailuresInARowAndTellsHowLongToWait() {
        breaker.failure();
        breaker.failure();
        assertThat(breaker.waitBeforeCall()).isZero();
        breaker.failure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(Duration.ofSeconds(20));
        assertThat(breaker.waitBeforeCall()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void aSuccessInBetweenResetsTheCount() {
        breaker.failure();
        breaker.failure();
        breaker.success();
        breaker.failure();
        breaker.failure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void afterTheOpenTimeOneTrialCallDecides() {
        for (int i = 0; i < 3; i++) breaker.failure();
        clock.advance(Duration.ofSeconds(61));
        assertThat(breaker.waitBeforeCall()).isZero();
        assertThat(breaker.waitBeforeCall()).as("only one trial at a time").isPositive();
        breaker.failure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(Duration.ofSeconds(61));
        assertThat(breaker.waitBeforeCall()).isZero();
        breaker.success();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.waitBeforeCall()).isZero();
    }

    @Test
    void aVendorLimitOpensTheCircuitForTheGivenTime() {
        breaker.openFor(Duration.ofMinutes(15));
        assertThat(breaker.waitBeforeCall()).isEqualTo(Duration.ofMinutes(15));
    }
}
