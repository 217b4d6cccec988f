package io.csbridge.connectors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A vendor's requests-per-minute allowance, shared by every caller in this node: a sliding window of
 * the last minute's requests, plus a pause the vendor imposed (429 Retry-After).
 */
public final class RequestBudget {

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;
    private final Clock clock;
    private final Deque<Instant> sent = new ArrayDeque<>();
    private Instant pausedUntil;

    public RequestBudget(int perMinute, Clock clock) {
        this.perMinute = Math.max(1, perMinute);
        this.clock = clock;
    }

    /** Takes one request from the budget if it has one now (zero), else says how long until it will. */
    public synchronized Duration tryAcquire() {
        Instant now = clock.instant();
        if (pausedUntil != null && now.isBefore(pausedUntil)) return Duration.between(now, pausedUntil);
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minus(WINDOW))) sent.pollFirst();
        if (sent.size() >= perMinute) return Duration.between(now, sent.peekFirst().plus(WINDOW));
        sent.addLast(now);
        return Duration.ZERO;
    }

    /** The vendor asked everyone to wait. */
    public synchronized void pauseFor(Duration duration) {
        Instant until = clock.instant().plus(duration);
        if (pausedUntil == null || until.isAfter(pausedUntil)) pausedUntil = until;
    }

    /** {@code {"perMinute":200,"usedLastMinute":12,"pausedUntil":"..."}} for an operator. */
    public synchronized java.util.Map<String, Object> status() {
        Instant now = clock.instant();
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(now.minus(WINDOW))) sent.pollFirst();
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("perMinute", perMinute);
        out.put("usedLastMinute", sent.size());
        if (pausedUntil != null && now.isBefore(pausedUntil)) out.put("pausedUntil", pausedUntil.toString());
        return out;
    }
}
