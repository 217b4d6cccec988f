package io.csbridge.connectors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a vendor that keeps failing. After {@code threshold} failures in a row the circuit opens
 * for {@code openFor}; then one trial call is let through (half open): success closes the circuit,
 * failure opens it again. The outbox keeps the writes meanwhile, so nothing is lost, only delayed.
 * A small class rather than MicroProfile Fault Tolerance so it works the same in unit tests and in
 * plain (non-intercepted) objects.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private int failures;
    private Instant openUntil;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        this.threshold = Math.max(1, threshold);
        this.openFor = openFor;
        this.clock = clock;
    }

    /**
     * Whether a call may go out now; if not, how long until it may. A half-open circuit lets exactly
     * one trial call through until it reports back.
     */
    public synchronized Duration waitBeforeCall() {
        if (openUntil == null) return Duration.ZERO;
        Instant now = clock.instant();
        if (now.isBefore(openUntil)) return Duration.between(now, openUntil);
        if (trialInFlight) return openFor;
        trialInFlight = true;
        return Duration.ZERO;
    }

    public synchronized void success() {
        failures = 0;
        openUntil = null;
        trialInFlight = false;
    }

    public synchronized void failure() {
        failures++;
        if (trialInFlight || failures >= threshold) {
            openUntil = clock.instant().plus(openFor);
            trialInFlight = false;
        }
    }

    /** Opens now for at least {@code duration}, e.g. when the vendor said its limit is spent. */
    public synchronized void openFor(Duration duration) {
        Instant until = clock.instant().plus(duration);
        if (openUntil == null || until.isAfter(openUntil)) openUntil = until;
        trialInFlight = false;
    }

    /** When an open circuit lets a trial call through again; empty when closed. */
    public synchronized java.util.Optional<Instant> openUntil() {
        return java.util.Optional.ofNullable(openUntil);
    }

    /** {@code {"state":"OPEN","openUntil":"..."}} for an operator. */
    public synchronized java.util.Map<String, Object> status() {
        java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("state", state().name());
        if (openUntil != null) out.put("openUntil", openUntil.toString());
        out.put("failuresInARow", failures);
        return out;
    }

    public synchronized State state() {
        if (openUntil == null) return State.CLOSED;
        return clock.instant().isBefore(openUntil) ? State.OPEN : State.HALF_OPEN;
    }
}
