package io.csbridge.inbox;

/** The pipeline cannot serve yet (its database is down or not migrated); callers should answer 503. */
public class PipelineUnavailableException extends RuntimeException {

    public PipelineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
