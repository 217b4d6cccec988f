package io.csbridge.webhooks.zendesk;

import io.csbridge.webhooks.HookRejection;
import io.csbridge.webhooks.RawBody;
import io.csbridge.webhooks.testing.FakeRequest;
import io.csbridge.app.intake.EventIntake;
import io.csbridge.webhooks.testing.TestPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The endpoint as a whole, on the real inbox: what is accepted is stored once; what is refused leaves no trace. */
class ZendeskHookTest {

    static final String SECRET = "zendesk-signing-secret";
    static final Instant NOW = Instant.parse("2026-01-20T12:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final TestPipeline pipeline = new TestPipeline(clock);
    final ZendeskHook hook = new ZendeskHook();

    {
        hook.intake = new EventIntake(pipeline);
        hook.clock = clock;
        hook.secret = Optional.of(SECRET);
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    static String sign(String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac.doFinal(body));
    }

    int deliver(byte[] body, String timestamp) throws Exception {
        return deliver(body, timestamp, sign(timestamp, body));
    }

    int deliver(byte[] body, String timestamp, String signature) throws Exception {
        return hook.receive(FakeRequest.of(body, Map.of("X-Zendesk-Webhook-Signature", signature,
                "X-Zendesk-Webhook-Signature-Timestamp", timestamp))).getStatus();
    }

    static byte[] event() throws Exception {
        return ZendeskTranslatorTest.resource("ticket-created-event.json").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void zendeskDeliveryTwiceCountsOnce() throws Exception {
        assertThat(deliver(event(), "2026-01-20T12:00:00Z")).isEqualTo(200);
        assertThat(deliver(event(), "2026-01-20T12:01:00Z")).isEqualTo(200);
        assertThat(pipeline.inboxRows()).containsExactly("zendesk|01HQ7Z4YJ4B3N6VQK8X2M5C9DE|2026-01-15T10:00:00Z");
    }

    @Test
    void zendeskDeliveryWithForgedSignatureLeavesNoTrace() throws Exception {
        rejected(() -> deliver(event(), "2026-01-20T12:00:00Z", sign("2026-01-20T12:00:00Z", "{}".getBytes())), 401);
    }

    @Test
    void zendeskDeliveryWithStaleTimestampIsRejected() throws Exception {
        rejected(() -> deliver(event(), "2026-01-20T11:54:59Z"), 401);
    }

    @Test
    void zendeskDeliveryWithFutureTimestampIsRejected() throws Exception {
        rejected(() -> deliver(event(), "2026-01-20T12:05:01Z"), 401);
    }

    @Test
    void truncatedZendeskDeliveryIsRejected() throws Exception {
        byte[] body = event();
        byte[] truncated = java.util.Arrays.copyOf(body, body.length / 2);
        String signature = sign("2026-01-20T12:00:00Z", body);
        rejected(() -> deliver(truncated, "2026-01-20T12:00:00Z", signature), 401);
        rejected(() -> deliver(truncated, "2026-01-20T12:00:00Z"), 400); // signed as cut: valid signature, broken JSON
    }

    @Test
    void oversizedZendeskDeliveryIsRejected() throws Exception {
        byte[] body = ("{\"pad\":\"" + "x".repeat(RawBody.LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        rejected(() -> deliver(body, "2026-01-20T12:00:00Z"), 413);
    }

    @Test
    void nonUtf8ZendeskDeliveryIsRejected() throws Exception {
        byte[] body = "{\"type\":\"zen:event-type:ticket.created\",\"id\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        rejected(() -> deliver(body, "2026-01-20T12:00:00Z"), 400);
    }

    @Test
    void deeplyNestedZendeskDeliveryIsRejected() throws Exception {
        byte[] body = ("[".repeat(10_000) + "]".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        rejected(() -> deliver(body, "2026-01-20T12:00:00Z"), 400);
    }

    interface Delivery {
        int run() throws Exception;
    }

    void rejected(Delivery delivery, int status) {
        assertThatThrownBy(delivery::run).isInstanceOfSatisfying(HookRejection.class,
                r -> assertThat(r.status()).isEqualTo(status));
        assertThat(pipeline.inboxRows()).isEmpty();
    }
}
