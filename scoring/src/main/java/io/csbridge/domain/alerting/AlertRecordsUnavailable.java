package io.csbridge.domain.alerting;

/**
 * What alert delivery keeps between deliveries ({@link AlertThreads}, {@link SlackUserLookups}) cannot
 * be read or written now (the store behind the port failed); nothing is known either way, so the
 * delivery is tried again later.
 */
public final class AlertRecordsUnavailable extends RuntimeException {

    public AlertRecordsUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
