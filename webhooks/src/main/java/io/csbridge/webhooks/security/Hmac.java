package io.csbridge.webhooks.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/** HMAC and constant-time comparison: the primitives every signature verifier here is built from. */
public final class Hmac {

    private Hmac() {
    }

    public static byte[] sign(String algorithm, String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            for (byte[] part : parts) mac.update(part);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }

    /** Compares in time independent of where the first difference is. */
    public static boolean same(byte[] expected, byte[] given) {
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /** Hex (either case) to bytes, or null when it is not hex. */
    public static byte[] fromHex(String hex) {
        if (hex == null || hex.length() % 2 != 0) return null;
        try {
            return HexFormat.of().parseHex(hex.toLowerCase());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
