package io.csbridge.webhooks.security;

import io.csbridge.webhooks.HookRejection;

/**
 * Segment-style signing of product-usage events: {@code X-Signature} is the hex HMAC-SHA1 of the raw
 * body with {@code usage.webhook-secret}.
 */
public final class UsageSignature {

    public static final String HEADER = "X-Signature";

    private final String secret;

    public UsageSignature(String secret) {
        this.secret = secret;
    }

    /** @throws HookRejection 401 unless {@code signature} signs {@code body} */
    public void verify(byte[] body, String signature) {
        if (secret == null || secret.isBlank()) {
            throw HookRejection.badSignature("usage.webhook-secret is not configured: usage events cannot be verified");
        }
        if (signature == null || signature.isBlank()) {
            throw HookRejection.badSignature("missing " + HEADER + " header");
        }
        byte[] expected = Hmac.sign("HmacSHA1", secret, body);
        if (!Hmac.same(expected, Hmac.fromHex(signature.trim()))) {
            throw HookRejection.badSignature(HEADER + " does not match the body");
        }
    }
}
