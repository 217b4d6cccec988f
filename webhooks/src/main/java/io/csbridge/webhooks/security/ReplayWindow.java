package io.csbridge.webhooks.security;

import io.csbridge.webhooks.HookRejection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The five minutes either side of now in which a signed timestamp is believed. Older deliveries may
 * be replays of a captured request; newer ones come from a wrong clock or a forger preparing one.
 */
public final class ReplayWindow {

    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Clock clock;

    public ReplayWindow(Clock clock) {
        this.clock = clock;
    }

    /** @throws HookRejection 401 {@code stale_timestamp} when {@code signedAt} is more than five minutes off */
    public void check(Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(TOLERANCE))) {
            throw HookRejection.staleTimestamp("the signed timestamp " + signedAt + " is more than 5 minutes old");
        }
        if (signedAt.isAfter(now.plus(TOLERANCE))) {
            throw HookRejection.staleTimestamp("the signed timestamp " + signedAt + " is more than 5 minutes in the future");
        }
    }
}
