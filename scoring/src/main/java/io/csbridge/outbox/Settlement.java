package io.csbridge.outbox;

import java.time.Instant;

/**
 * What becomes of one attempted write, as {@link OutboxDelivery} decided it from the channel's outcome
 * and the {@link RetryPolicy}: delivered, dead-lettered with the error, or tried again at {@code next}.
 * Recorded only while {@code claim} is still the write's claim (see {@link PendingWrites#settle}).
 */
public record Settlement(long outboxId, String claim, Result result, Instant next, String error) {

    /** Where the write goes. */
    public enum Result { DELIVERED, DEAD, RETRY }

    public static Settlement delivered(OutboundWrite w) {
        return new Settlement(w.outboxId(), w.claim(), Result.DELIVERED, null, null);
    }

    public static Settlement dead(OutboundWrite w, String error) {
        return new Settlement(w.outboxId(), w.claim(), Result.DEAD, null, error);
    }

    public static Settlement retryAt(OutboundWrite w, Instant next, String error) {
        return new Settlement(w.outboxId(), w.claim(), Result.RETRY, next, error);
    }
}
