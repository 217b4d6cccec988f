package io.csbridge.admin.security;

import io.csbridge.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    final LoginThrottle throttle = new LoginThrottle(clock, new LoginThrottle.Policy(5, 20, Duration.ofMinutes(15)));

    @Test
    void aFewFailuresCostNothingThenEachOneWaitsTwiceAsLongUpToTheCap() {
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.waitFor("ann", "10.0.0.1")).isEmpty();
            throttle.failed("ann", "10.0.0.1");
        }
        assertThat(throttle.waitFor("ann", "10.0.0.1")).isEmpty();
        throttle.failed("ann", "10.0.0.1");
        assertThat(throttle.waitFor("ann", "10.0.0.1")).contains(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("ann", "10.0.0.9")).contains(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.waitFor("ann", "10.0.0.1")).isEmpty();
        throttle.failed("ann", "10.0.0.1");
        assertThat(throttle.waitFor("ann", "10.0.0.1")).contains(Duration.ofSeconds(4));
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(15));
            throttle.failed("ann", "10.0.0.1");
        }
        assertThat(throttle.waitFor("ann", null)).contains(Duration.ofMinutes(15));
        assertThat(throttle.lockedUntil("ann")).contains(clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void aSuccessClearsTheUserButNotTheAddress() {
        for (int i = 0; i < 21; i++) throttle.failed("user" + i, "10.0.0.1");
        assertThat(throttle.waitFor("someone-else", "10.0.0.1")).isPresent();
        assertThat(throttle.waitFor("someone-else", "10.0.0.2")).isEmpty();

        for (int i = 0; i < 6; i++) throttle.failed("bob", "10.0.0.2");
        throttle.succeeded("bob");
        assertThat(throttle.waitFor("bob", "10.0.0.3")).isEmpty();
        assertThat(throttle.waitFor("bob", "10.0.0.2")).isEmpty();
        assertThat(throttle.waitFor("x", "10.0.0.1")).isPresent();
    }

    @Test
    void anAdministratorLiftsALockout() {
        for (int i = 0; i < 8; i++) throttle.failed("ann", "10.0.0." + i);
        assertThat(throttle.lockedUntil("ann")).isPresent();
        assertThat(throttle.lift("ann")).isTrue();
        assertThat(throttle.lockedUntil("ann")).isEmpty();
        assertThat(throttle.waitFor("ann", "10.0.0.99")).isEmpty();
        assertThat(throttle.lift("ann")).isFalse();
    }

    @Test
    void failuresAreForgottenAfterAnHourWithoutAny() {
        for (int i = 0; i < 6; i++) throttle.failed("ann", "10.0.0.1");
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        throttle.failed("ann", "10.0.0.1");
        assertThat(throttle.waitFor("ann", "10.0.0.1")).isEmpty();
    }
}
