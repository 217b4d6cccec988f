package io.csbridge.vendors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * How a pushed nudge is signed (CONTRACT §7): header {@link #HEADER} = hex HMAC-SHA256 of the exact body
 * bytes with {@code nudges.webhook-secret}. The one definition: the push channel signs with it, and a
 * receiver (or a test) verifies with it.
 */
public final class NudgePushSignature {

    public static final String HEADER = "X-CSBridge-Signature";

    private NudgePushSignature() {
    }

    /** The lower-case hex HMAC-SHA256 of {@code body}. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Whether {@code signature} (hex, either case) signs {@code body}; constant time. */
    public static boolean verify(String secret, byte[] body, String signature) {
        if (signature == null) return false;
        byte[] expected = sign(secret, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }
}
