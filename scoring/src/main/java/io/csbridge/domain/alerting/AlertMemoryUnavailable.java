package io.csbridge.domain.alerting;

/**
 * What {@link AlertThreads} and {@link SlackUserLookups} keep could not be read or written now (their
 * database failed): nothing is known either way, so a caller retries its write later.
 */
public final class AlertMemoryUnavailable extends RuntimeException {

    public AlertMemoryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
