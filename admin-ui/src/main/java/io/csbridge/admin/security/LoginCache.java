package io.csbridge.admin.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Username and password pairs verified in the last {@link #TTL}, so that a program calling the API with
 * HTTP Basic pays one bcrypt per few minutes instead of one per request. A pair is kept only as an
 * HMAC under a key made at start and never stored, together with the stored hash it matched: when the
 * password changes (here or on another server) the stored hash differs and the pair no longer counts.
 * Only successful logins are kept, and at most {@link #MAX_ENTRIES}.
 */
final class LoginCache {

    static final Duration TTL = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 1_000;

    private record Verified(String username, String passwordHash, Instant until) {
    }

    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    LoginCache(Clock clock) {
        this.clock = clock;
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** Whether this pair was verified recently against the hash the user still has. */
    boolean holds(String username, char[] password, String currentHash) {
        Verified v = verified.get(mac(username, password));
        return v != null && v.username().equals(username) && v.passwordHash().equals(currentHash)
                && v.until().isAfter(clock.instant());
    }

    /** Remembers a pair just verified against {@code passwordHash}. */
    void remember(String username, char[] password, String passwordHash) {
        Instant now = clock.instant();
        if (verified.size() >= MAX_ENTRIES) verified.values().removeIf(v -> !v.until().isAfter(now));
        if (verified.size() >= MAX_ENTRIES) verified.clear();
        verified.put(mac(username, password), new Verified(username, passwordHash, now.plus(TTL)));
    }

    /** Forgets every pair of {@code username} (their password or roles changed). */
    void forget(String username) {
        verified.values().removeIf(v -> v.username().equals(username));
    }

    private String mac(String username, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] user = username.getBytes(StandardCharsets.UTF_8);
            mac.update(ByteBuffer.allocate(4).putInt(user.length).array());
            mac.update(user);
            mac.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)));
            return Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
