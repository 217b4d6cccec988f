package io.csbridge.webhooks.security;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static io.csbridge.webhooks.security.SlackSignatureTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class ZendeskSignatureTest {

    /** The secret Zendesk signs test deliveries with before a webhook exists (used as text, not decoded). */
    static final String TEST_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    static final String TIMESTAMP = "2026-01-15T10:00:00Z";
    /** base64(HMAC-SHA256) of TIMESTAMP + the body in zendesk/ticket-created-event.json, computed with openssl. */
    static final String SIGNATURE = "qwOTr4beadgIy9r7zrUxp4Bp4ezT0SEQaAbL0ilnmgQ=";

    static byte[] body() throws IOException {
        try (InputStream in = ZendeskSignatureTest.class.getResourceAsStream("/zendesk/ticket-created-event.json")) {
            return in.readAllBytes();
        }
    }

    static ZendeskSignature verifierAt(String instant) {
        return new ZendeskSignature(TEST_SECRET, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void zendeskTestVectorIsAccepted() throws IOException {
        byte[] body = body();
        assertThat(body).hasSize(410);
        assertThatCode(() -> verifierAt("2026-01-15T10:01:00Z").verify(body, TIMESTAMP, SIGNATURE)).doesNotThrowAnyException();
    }

    @Test
    void zendeskDeliveryWithForgedSignatureIsRejected() throws IOException {
        byte[] body = body();
        String forged = "qwOTr4beadgIy9r7zrUxp4Bp4ezT0SEQaAbL0ilnmgA=";
        assertRejected(() -> verifierAt("2026-01-15T10:00:00Z").verify(body, TIMESTAMP, forged), 401, "invalid_signature");
    }

    @Test
    void zendeskDeliveryWithAlteredBodyIsRejected() throws IOException {
        byte[] body = body();
        body[body.length - 3] = 'X';
        assertRejected(() -> verifierAt("2026-01-15T10:00:00Z").verify(body, TIMESTAMP, SIGNATURE), 401, "invalid_signature");
    }

    @Test
    void zendeskDeliveryWithStaleTimestampIsRejected() throws IOException {
        byte[] body = body();
        assertRejected(() -> verifierAt("2026-01-15T10:05:01Z").verify(body, TIMESTAMP, SIGNATURE), 401, "stale_timestamp");
    }

    @Test
    void zendeskDeliveryWithFutureTimestampIsRejected() throws IOException {
        byte[] body = body();
        assertRejected(() -> verifierAt("2026-01-15T09:54:59Z").verify(body, TIMESTAMP, SIGNATURE), 401, "stale_timestamp");
    }

    @Test
    void zendeskDeliveryWithoutSignatureHeadersIsRejected() throws IOException {
        byte[] body = body();
        ZendeskSignature v = verifierAt("2026-01-15T10:00:00Z");
        assertRejected(() -> v.verify(body, null, SIGNATURE), 401, "invalid_signature");
        assertRejected(() -> v.verify(body, TIMESTAMP, null), 401, "invalid_signature");
        assertRejected(() -> v.verify(body, TIMESTAMP, "%%% not base64"), 401, "invalid_signature");
        assertRejected(() -> v.verify(body, "last tuesday", SIGNATURE), 401, "invalid_signature");
    }

    @Test
    void anyOfSeveralConfiguredSecretsVerifies() throws IOException {
        byte[] body = body();
        Clock clock = Clock.fixed(Instant.parse(TIMESTAMP), ZoneOffset.UTC);
        assertThatCode(() -> new ZendeskSignature("secret-of-the-events-webhook, " + TEST_SECRET, clock)
                .verify(body, TIMESTAMP, SIGNATURE)).doesNotThrowAnyException();
        assertRejected(() -> new ZendeskSignature("secret-a,secret-b", clock).verify(body, TIMESTAMP, SIGNATURE),
                401, "invalid_signature");
    }

    @Test
    void withoutAWebhookSecretNothingIsAccepted() throws IOException {
        byte[] body = body();
        ZendeskSignature v = new ZendeskSignature(null, Clock.fixed(Instant.parse(TIMESTAMP), ZoneOffset.UTC));
        assertRejected(() -> v.verify(body, TIMESTAMP, SIGNATURE), 401, "invalid_signature");
    }
}
