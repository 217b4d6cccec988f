package io.csbridge.webhooks.security;

import io.csbridge.webhooks.HookRejection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Zendesk webhook signing: {@code X-Zendesk-Webhook-Signature} is base64(HMAC-SHA256(key = the
 * signing secret's text, message = timestamp + raw body)), the timestamp (ISO-8601, e.g.
 * {@code 2024-04-17T17:18:10Z}) in {@code X-Zendesk-Webhook-Signature-Timestamp}.
 */
public final class ZendeskSignature {

    public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

    private final String secret;
    private final ReplayWindow window;

    public ZendeskSignature(String secret, Clock clock) {
        this.secret = secret;
        this.window = new ReplayWindow(clock);
    }

    /** @throws HookRejection 401 unless {@code signature} signs {@code timestamp + body} within the window */
    public void verify(byte[] body, String timestamp, String signature) {
        if (secret == null || secret.isBlank()) {
            throw HookRejection.badSignature("zendesk.webhook-secret is not configured: Zendesk webhooks cannot be verified");
        }
        if (timestamp == null || timestamp.isBlank()) throw HookRejection.badSignature("missing " + TIMESTAMP_HEADER + " header");
        if (signature == null || signature.isBlank()) throw HookRejection.badSignature("missing " + SIGNATURE_HEADER + " header");
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            throw HookRejection.badSignature(SIGNATURE_HEADER + " is not base64");
        }
        byte[] expected = Hmac.sign("HmacSHA256", secret, timestamp.getBytes(StandardCharsets.UTF_8), body);
        if (!Hmac.same(expected, given)) throw HookRejection.badSignature(SIGNATURE_HEADER + " does not match the request");
        window.check(parse(timestamp.trim()));
    }

    private static Instant parse(String timestamp) {
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return Instant.ofEpochSecond(Long.parseLong(timestamp));
            } catch (NumberFormatException notEpoch) {
                throw HookRejection.badSignature(TIMESTAMP_HEADER + " is not an ISO-8601 time");
            }
        }
    }
}
