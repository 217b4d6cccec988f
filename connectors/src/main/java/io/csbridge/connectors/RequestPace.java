package io.csbridge.connectors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * At most {@code limit} requests in any {@code window}: {@link #await} waits until one more fits. For
 * limits a vendor states per endpoint (Zendesk's 10 incremental export requests a minute).
 */
public final class RequestPace {

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ArrayDeque<Instant> sent = new ArrayDeque<>();

    public RequestPace(int limit, Duration window, Clock clock, Sleeper sleeper) {
        this.limit = Math.max(1, limit);
        this.window = window;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Waits until a request fits the limit, then counts it as sent. */
    public synchronized void await() throws InterruptedException {
        while (true) {
            Instant now = clock.instant();
            while (!sent.isEmpty() && !sent.peekFirst().plus(window).isAfter(now)) sent.pollFirst();
            if (sent.size() < limit) {
                sent.addLast(now);
                return;
            }
            sleeper.sleep(Duration.between(now, sent.peekFirst().plus(window)));
        }
    }

    /** Holds every request back until {@code until} (a 429's Retry-After). */
    public synchronized void holdFor(Duration wait) throws InterruptedException {
        if (!wait.isNegative() && !wait.isZero()) sleeper.sleep(wait);
    }
}
