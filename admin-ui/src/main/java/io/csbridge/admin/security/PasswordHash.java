package io.csbridge.admin.security;

import at.favre.lib.crypto.bcrypt.BCrypt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Passwords are kept as bcrypt hashes (cost 12) and never logged. bcrypt reads at most 72 bytes, so a
 * new hash is taken over the password's SHA-256 (as 44 Base64 characters): a password of any length
 * counts in full. Such hashes carry the prefix {@value #PREHASHED}; hashes made before it (plain bcrypt
 * of the password) are still verified, and a password over 72 bytes simply does not match them.
 */
public final class PasswordHash {

    static final String PREHASHED = "$sha256";
    private static final int COST = 12;
    private static final int BCRYPT_MAX_BYTES = 72;

    private PasswordHash() {
    }

    /** A new hash: bcrypt over the password's SHA-256. */
    public static String of(char[] password) {
        char[] digest = sha256(password);
        try {
            return PREHASHED + BCrypt.withDefaults().hashToString(COST, digest);
        } finally {
            Arrays.fill(digest, '\0');
        }
    }

    /** Whether {@code password} is the one {@code hash} was made from: one bcrypt, whatever the answer. */
    public static boolean matches(char[] password, String hash) {
        if (hash.startsWith(PREHASHED)) return prehashed(password, hash.substring(PREHASHED.length()));
        if (utf8Length(password) > BCRYPT_MAX_BYTES) {
            // Could not have been set with a plain-bcrypt hash: the same work, then no.
            prehashed(password, Dummy.HASH.substring(PREHASHED.length()));
            return false;
        }
        return bcrypt(password, hash);
    }

    /**
     * A hash of a random password nobody knows: checking a password against it costs what checking a
     * real user's costs, so a login for someone who does not exist takes as long as a wrong password.
     */
    public static String dummy() {
        return Dummy.HASH;
    }

    private static boolean prehashed(char[] password, String bcryptHash) {
        char[] digest = sha256(password);
        try {
            return bcrypt(digest, bcryptHash);
        } finally {
            Arrays.fill(digest, '\0');
        }
    }

    private static boolean bcrypt(char[] password, String hash) {
        try {
            return BCrypt.verifyer().verify(password, hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException notABcryptHash) {
            return false;
        }
    }

    private static char[] sha256(char[] password) {
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[utf8.remaining()];
        utf8.get(bytes);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getEncoder().encodeToString(digest).toCharArray();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static int utf8Length(char[] password) {
        return StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)).remaining();
    }

    /** Made once, on first use. */
    private static final class Dummy {
        private static final String HASH;

        static {
            char[] random = new char[24];
            SecureRandom r = new SecureRandom();
            for (int i = 0; i < random.length; i++) random[i] = (char) ('a' + r.nextInt(26));
            HASH = of(random);
        }
    }
}
