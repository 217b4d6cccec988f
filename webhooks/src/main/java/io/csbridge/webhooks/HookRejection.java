package io.csbridge.webhooks;

/**
 * A delivery refused before anything was stored; becomes {@code {"error": ..., "detail": ...}}
 * with the status the contract gives.
 */
public class HookRejection extends RuntimeException {

    private final int status;
    private final String error;

    public HookRejection(int status, String error, String detail) {
        super(detail);
        this.status = status;
        this.error = error;
    }

    public static HookRejection badSignature(String detail) {
        return new HookRejection(401, "invalid_signature", detail);
    }

    public static HookRejection staleTimestamp(String detail) {
        return new HookRejection(401, "stale_timestamp", detail);
    }

    public static HookRejection malformed(String detail) {
        return new HookRejection(400, "malformed_request", detail);
    }

    public static HookRejection tooLarge(long limit) {
        return new HookRejection(413, "payload_too_large", "the body is larger than " + limit + " bytes");
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }
}
