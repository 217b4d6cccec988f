package io.csbridge.connectors.slack;

import io.csbridge.connectors.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slack's rate limits as the channel keeps to them: about one message per second per Slack channel
 * (a post waits out the gap) and, once Slack answered 429, no call until its {@code Retry-After} has passed.
 */
final class SlackRateLimits {

    private static final Duration PER_CHANNEL_GAP = Duration.ofSeconds(1);
    /** When a 429 says nothing usable about how long to wait. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<String, Instant> nextPost = new HashMap<>();
    private Instant pausedUntil = Instant.MIN;

    SlackRateLimits(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** How long Slack asked to wait is still running (zero: calls may go). */
    synchronized Duration pauseLeft() {
        Instant now = clock.instant();
        return now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : Duration.ZERO;
    }

    /** Slack answered 429: no call for {@code after}. */
    synchronized void pauseFor(Duration after) {
        pausedUntil = clock.instant().plus(after);
    }

    /** The end of a 429 pause still running, for the operator. */
    synchronized Optional<Instant> pausedUntil() {
        return clock.instant().isBefore(pausedUntil) ? Optional.of(pausedUntil) : Optional.empty();
    }

    /** Slack allows about one message per second per channel: wait out the gap. */
    void pace(String channel) throws InterruptedException {
        Duration wait;
        synchronized (nextPost) {
            Instant now = clock.instant();
            Instant next = nextPost.getOrDefault(channel, now);
            wait = next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO;
            nextPost.put(channel, (next.isAfter(now) ? next : now).plus(PER_CHANNEL_GAP));
        }
        if (!wait.isZero()) sleeper.sleep(wait);
    }

    /** A header of an SDK response, in any case; null when absent. */
    static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) return null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) return e.getValue().get(0);
        }
        return null;
    }

    /** A 429's {@code Retry-After} (seconds, at least one); 30 seconds when absent or not a number. */
    static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
        } catch (RuntimeException e) { // absent or not a number
            return DEFAULT_RETRY_AFTER;
        }
    }
}
