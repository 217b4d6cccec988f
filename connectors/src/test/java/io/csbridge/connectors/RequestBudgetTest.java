package io.csbridge.connectors;

import io.csbridge.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RequestBudgetTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T00:00:00Z"));

    @Test
    void noMoreThanTheAllowanceGoesOutInAnyMinute() {
        RequestBudget budget = new RequestBudget(3, clock);
        for (int i = 0; i < 3; i++) {
            assertThat(budget.tryAcquire()).isZero();
            clock.advance(Duration.ofSeconds(10));
        }
        assertThat(budget.tryAcquire()).isEqualTo(Duration.ofSeconds(30));
        clock.advance(Duration.ofSeconds(30));
        assertThat(budget.tryAcquire()).isZero();
        assertThat(budget.tryAcquire()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aVendorPauseHoldsEveryRequestUntilItEnds() {
        RequestBudget budget = new RequestBudget(100, clock);
        budget.pauseFor(Duration.ofSeconds(7));
        assertThat(budget.tryAcquire()).isEqualTo(Duration.ofSeconds(7));
        clock.advance(Duration.ofSeconds(7));
        assertThat(budget.tryAcquire()).isZero();
    }
}
