package io.csbridge.outbox;

import java.time.Duration;

/** What became of one outbound write. */
public record DeliveryOutcome(long outboxId, Result result, String error, Duration retryAfter) {

    public enum Result {
        DELIVERED,
        /** A passing failure (outage, rate limit): try again later. */
        RETRY,
        /** The vendor refused this record for good (e.g. a field that does not exist): dead-letter it. */
        REJECTED
    }

    public static DeliveryOutcome delivered(long outboxId) {
        return new DeliveryOutcome(outboxId, Result.DELIVERED, null, Duration.ZERO);
    }

    public static DeliveryOutcome retry(long outboxId, String error, Duration retryAfter) {
        return new DeliveryOutcome(outboxId, Result.RETRY, error, retryAfter == null ? Duration.ZERO : retryAfter);
    }

    public static DeliveryOutcome rejected(long outboxId, String error) {
        return new DeliveryOutcome(outboxId, Result.REJECTED, error, Duration.ZERO);
    }
}
