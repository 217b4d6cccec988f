package io.csbridge.connectors.slack;

import io.csbridge.connectors.Sleeper;
import io.csbridge.outbox.VendorBudgetNames;
import io.csbridge.outbox.VendorBudgets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slack's rate limits as the channel keeps to them, for every node together ({@link VendorBudgets}, in the
 * database): about one message per second per Slack channel (a post waits for its channel's turn) and,
 * once Slack answered 429, no call from any node until its {@code Retry-After} has passed.
 */
final class SlackRateLimits {

    private static final Duration PER_CHANNEL_GAP = Duration.ofSeconds(1);
    /** When a 429 says nothing usable about how long to wait. */
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

    private final VendorBudgets budgets;
    private final Clock clock;
    private final Sleeper sleeper;

    SlackRateLimits(VendorBudgets budgets, Clock clock, Sleeper sleeper) {
        this.budgets = budgets;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** How long Slack asked to wait is still running (zero: calls may go). */
    Duration pauseLeft() {
        return pausedUntil().map(until -> Duration.between(clock.instant(), until))
                .filter(left -> !left.isNegative()).orElse(Duration.ZERO);
    }

    /** Slack answered 429: no call for {@code after}. */
    void pauseFor(Duration after) {
        budgets.holdFor(VendorBudgetNames.SLACK_CALLS, after);
    }

    /** The end of a 429 pause still running, for the operator. */
    Optional<Instant> pausedUntil() {
        return budgets.usage(VendorBudgetNames.SLACK_CALLS, Duration.ZERO).pausedUntil();
    }

    /** Slack allows about one message per second per channel: wait for this channel's turn among every node's posts. */
    void pace(String channel) throws InterruptedException {
        String name = VendorBudgetNames.slackPosts(channel);
        for (Duration wait = budgets.take(name, 1, PER_CHANNEL_GAP); !wait.isZero(); wait = budgets.take(name, 1, PER_CHANNEL_GAP)) {
            sleeper.sleep(wait);
        }
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
