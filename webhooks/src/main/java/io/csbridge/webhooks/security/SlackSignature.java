package io.csbridge.webhooks.security;

import io.csbridge.webhooks.HookRejection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

/**
 * Slack's v0 request signing, the one check behind every Slack endpoint:
 * {@code X-Slack-Signature: v0=} hex HMAC-SHA256(signing secret, {@code "v0:" + timestamp + ":" + body}),
 * with {@code X-Slack-Request-Timestamp} in Unix seconds inside the {@link ReplayWindow}.
 * Unlike the SDK's verifier it compares in constant time and refuses future timestamps too.
 */
public final class SlackSignature {

    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    private static final String VERSION = "v0";

    private final String secret;
    private final ReplayWindow window;

    public SlackSignature(String signingSecret, Clock clock) {
        this.secret = signingSecret;
        this.window = new ReplayWindow(clock);
    }

    /** @throws HookRejection 401 unless {@code signature} signs {@code timestamp} and {@code body} */
    public void verify(byte[] body, String timestamp, String signature) {
        if (secret == null || secret.isBlank()) {
            throw HookRejection.badSignature("slack.signing-secret is not configured: Slack requests cannot be verified");
        }
        if (timestamp == null || timestamp.isBlank()) throw HookRejection.badSignature("missing " + TIMESTAMP_HEADER + " header");
        if (signature == null || signature.isBlank()) throw HookRejection.badSignature("missing " + SIGNATURE_HEADER + " header");
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw HookRejection.badSignature(TIMESTAMP_HEADER + " is not a Unix time in seconds");
        }
        String given = signature.trim();
        if (!given.startsWith(VERSION + "=")) throw HookRejection.badSignature(SIGNATURE_HEADER + " is not a v0 signature");
        // The signature is checked first: an unsigned timestamp says nothing about the request's age.
        byte[] expected = Hmac.sign("HmacSHA256", secret,
                (VERSION + ":" + timestamp.trim() + ":").getBytes(StandardCharsets.UTF_8), body);
        if (!Hmac.same(expected, Hmac.fromHex(given.substring(VERSION.length() + 1)))) {
            throw HookRejection.badSignature(SIGNATURE_HEADER + " does not match the request");
        }
        window.check(Instant.ofEpochSecond(seconds));
    }
}
