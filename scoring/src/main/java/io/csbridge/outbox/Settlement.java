package io.csbridge.outbox;

import java.time.Instant;

/**
 * What becomes of one attempted write, as {@link OutboxDelivery} decided it from the channel's outcome
 * and the {@link RetryPolicy}: delivered, dead-lettered with the error, or tried again at {@code next}.
 */
public record Settlement(long outboxId, Result result, Instant next, String error) {

    /** Where the write goes. */
    public enum Result { DELIVERED, DEAD, RETRY }

    public static Settlement delivered(long outboxId) {
        return new Settlement(outboxId, Result.DELIVERED, null, null);
    }

    public static Settlement dead(long outboxId, String error) {
        return new Settlement(outboxId, Result.DEAD, null, error);
    }

    public static Settlement retryAt(long outboxId, Instant next, String error) {
        return new Settlement(outboxId, Result.RETRY, next, error);
    }
}
