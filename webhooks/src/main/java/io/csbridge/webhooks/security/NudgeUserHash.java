package io.csbridge.webhooks.security;

import io.csbridge.webhooks.HookRejection;

import java.nio.charset.StandardCharsets;

/**
 * The product's proof that a nudge request is for its own signed-in user (CONTRACT §7): {@code userHash}
 * is the hex HMAC-SHA256 of the userId with {@code nudges.identity-secret}, computed by the product's server.
 */
public final class NudgeUserHash {

    private final String secret;

    public NudgeUserHash(String secret) {
        this.secret = secret;
    }

    /** @throws HookRejection 401 unless {@code userHash} is the userId's hash */
    public void verify(String userId, String userHash) {
        if (secret == null || secret.isBlank()) {
            throw HookRejection.badSignature("nudges.identity-secret is not configured: nudge requests cannot be verified");
        }
        if (userId == null || userId.isBlank() || userHash == null || userHash.isBlank()) {
            throw HookRejection.badSignature("userId and userHash are required");
        }
        byte[] expected = Hmac.sign("HmacSHA256", secret, userId.getBytes(StandardCharsets.UTF_8));
        if (!Hmac.same(expected, Hmac.fromHex(userHash.trim()))) {
            throw HookRejection.badSignature("userHash does not match the userId");
        }
    }
}
