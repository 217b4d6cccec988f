package io.csbridge.domain.nudge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The stable holdout: a user is held out of a nudge when the SHA-256 of nudge id and user id falls in
 * the first {@code percent} of 100 buckets. The same pair always lands in the same bucket, on every node.
 */
public final class Holdout {

    private Holdout() {
    }

    public static int bucket(String nudgeId, String userId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((nudgeId + '\u0000' + userId).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
            return (int) Long.remainderUnsigned(v, 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    public static boolean heldOut(String nudgeId, String userId, int percent) {
        return bucket(nudgeId, userId) < percent;
    }
}
