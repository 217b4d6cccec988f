package io.csbridge.usage;

/** A usage message CS Bridge cannot take, and why: the webhook answers it with a 400, the import skips the line. */
public final class MessageRejected extends RuntimeException {

    /** Not JSON, or not the shape of a message or batch. */
    public static final String MALFORMED = "malformed_request";
    /** A message that breaks the Segment spec or the contract's limits. */
    public static final String INVALID = "invalid_message";

    private final String error;

    public MessageRejected(String error, String detail) {
        super(detail);
        this.error = error;
    }

    static MessageRejected malformed(String detail) {
        return new MessageRejected(MALFORMED, detail);
    }

    /** {@link #MALFORMED} or {@link #INVALID}. */
    public String error() {
        return error;
    }
}
