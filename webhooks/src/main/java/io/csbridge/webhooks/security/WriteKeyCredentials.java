package io.csbridge.webhooks.security;

import io.csbridge.webhooks.HookRejection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * What proves a request to Segment's HTTP Tracking API ({@code /hooks/usage/v1/...}) is the product's:
 * the write key {@code usage.write-key}, sent the two ways Segment's libraries send it. Either HTTP
 * Basic with the key as the user name and an empty password (analytics.js, the HTTP API docs), or a
 * {@code writeKey} field in the body (analytics-java and others put it beside {@code batch}). Every key
 * given must be the configured one, and at least one must be given. Compared in constant time; the key
 * never appears in an answer or a log line.
 */
public final class WriteKeyCredentials {

    public static final String HEADER = "Authorization";
    private static final String REJECTION = "invalid_write_key";
    /** Both sides are HMACed with this fixed key first, so neither content nor length shows in the time. */
    private static final String COMPARISON_KEY = "csbridge usage.write-key comparison";

    private final String writeKey;

    public WriteKeyCredentials(String writeKey) {
        this.writeKey = writeKey;
    }

    /**
     * @param authorization the {@code Authorization} header, or null
     * @param bodyKeys      every {@code writeKey} the body carried (batch level and per message)
     * @throws HookRejection 401 {@code invalid_write_key} unless a key is given and every key given is right
     */
    public void verify(String authorization, List<String> bodyKeys) {
        if (writeKey == null || writeKey.isBlank()) {
            throw reject("usage.write-key is not configured: the tracking API cannot verify senders");
        }
        if (authorization == null && bodyKeys.isEmpty()) {
            throw reject("missing write key: send HTTP Basic with the write key as the user name, or writeKey in the body");
        }
        if (authorization != null && !same(basicUser(authorization))) {
            throw reject("the Authorization header does not carry the write key (HTTP Basic, write key as the user name)");
        }
        for (String given : bodyKeys) {
            if (!same(given)) throw reject("the writeKey in the body is not the write key");
        }
    }

    /** The user name of an HTTP Basic header, or null when the header is not one. */
    static String basicUser(String authorization) {
        String header = authorization.trim();
        if (!header.toLowerCase(Locale.ROOT).startsWith("basic ")) return null;
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? decoded : decoded.substring(0, colon);
    }

    private boolean same(String given) {
        if (given == null) return false;
        byte[] expected = Hmac.sign("HmacSHA256", COMPARISON_KEY, writeKey.getBytes(StandardCharsets.UTF_8));
        return Hmac.same(expected, Hmac.sign("HmacSHA256", COMPARISON_KEY, given.getBytes(StandardCharsets.UTF_8)));
    }

    private static HookRejection reject(String detail) {
        return new HookRejection(401, REJECTION, detail);
    }
}
