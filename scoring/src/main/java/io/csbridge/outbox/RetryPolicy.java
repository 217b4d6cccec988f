package io.csbridge.outbox;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The one retry policy: exponential backoff with jitter (half fixed, half random), capped, and a limit after which a
 * write is dead-lettered. The defaults keep retrying for more than a day, longer than any outage
 * we expect a vendor to have, so an outage delays writes and never drops them.
 */
public final class RetryPolicy {

    private final Duration base;
    private final Duration cap;
    private final int maxAttempts;
    private final DoubleSupplier random;

    public RetryPolicy(Duration base, Duration cap, int maxAttempts, DoubleSupplier random) {
        this.base = base;
        this.cap = cap;
        this.maxAttempts = maxAttempts;
        this.random = random;
    }

    public static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(30), 60, Math::random);
    }

    /** How long to wait before attempt {@code attempt + 1}, never less than the vendor asked for. */
    public Duration delayAfter(int attempt, Duration vendorAsked) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, Math.max(0, attempt - 1)));
        long jittered = ceiling / 2 + (long) (random.getAsDouble() * (ceiling / 2.0));
        long delay = Math.max(jittered, vendorAsked == null ? 0 : vendorAsked.toMillis());
        return Duration.ofMillis(delay);
    }

    public boolean exhausted(int attempt) {
        return attempt >= maxAttempts;
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
