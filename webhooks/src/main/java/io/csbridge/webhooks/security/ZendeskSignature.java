package io.csbridge.webhooks.security;

import io.csbridge.webhooks.HookRejection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Zendesk webhook signing: {@code X-Zendesk-Webhook-Signature} is base64(HMAC-SHA256(key = the
 * signing secret's text, message = timestamp + raw body)), the timestamp (ISO-8601, e.g.
 * {@code 2024-04-17T17:18:10Z}) in {@code X-Zendesk-Webhook-Signature-Timestamp}.
 * Zendesk gives every webhook its own secret, so {@code zendesk.webhook-secret} may list several,
 * comma-separated (the events webhook and the trigger webhook; or old and new while rotating).
 */
public final class ZendeskSignature {

    public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";

    private final List<String> secrets;
    private final ReplayWindow window;

    /** @param secrets one signing secret, or several separated by commas */
    public ZendeskSignature(String secrets, Clock clock) {
        this.secrets = secrets == null ? List.of()
                : Arrays.stream(secrets.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        this.window = new ReplayWindow(clock);
    }

    /** @throws HookRejection 401 unless {@code signature} signs {@code timestamp + body} within the window */
    public void verify(byte[] body, String timestamp, String signature) {
        if (secrets.isEmpty()) {
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
        boolean signed = false;
        for (String secret : secrets) {
            signed |= Hmac.same(Hmac.sign("HmacSHA256", secret, timestamp.getBytes(StandardCharsets.UTF_8), body), given);
        }
        if (!signed) throw HookRejection.badSignature(SIGNATURE_HEADER + " does not match the request");
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
