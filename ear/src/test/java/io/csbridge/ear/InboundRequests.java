package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests as Zendesk, Salesforce and Slack send them to {@code /hooks}, signed the way each vendor
 * signs (computed here independently of the server's verifiers), and the checks that a refused one
 * left no trace. The secrets are the ones the {@code wildfly} container in arquillian.xml starts with.
 */
final class InboundRequests {

    static final String ZENDESK_EVENTS_SECRET = "it-zendesk-events-secret";
    static final String ZENDESK_TRIGGER_SECRET = "it-zendesk-trigger-secret";
    static final String SLACK_SIGNING_SECRET = "it-slack-signing-secret";
    static final String SALESFORCE_TOKEN = "it-salesforce-outbound-token";
    static final String SALESFORCE_ORG = "00DIT000000CSBRAAW";

    /** More than the contract's 1 MiB. */
    static final int OVER_LIMIT = (1 << 20) + 1;

    private InboundRequests() {
    }

    // ---- requests ----------------------------------------------------------------------------------

    static HttpRequest.Builder post(String path, byte[] body, String contentType) {
        return HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    /** The same body sent chunked, without a Content-Length: the size limit must hold while reading. */
    static HttpRequest.Builder postChunked(String path, byte[] body, String contentType) {
        return HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
    }

    static HttpRequest zendesk(byte[] body, String secret, String timestamp) {
        return post("/hooks/zendesk", body, "application/json")
                .header("X-Zendesk-Webhook-Signature", zendeskSignature(secret, timestamp, body))
                .header("X-Zendesk-Webhook-Signature-Timestamp", timestamp)
                .build();
    }

    static HttpRequest slack(String path, byte[] body, String contentType, long timestamp) {
        return post(path, body, contentType)
                .header("X-Slack-Request-Timestamp", Long.toString(timestamp))
                .header("X-Slack-Signature", slackSignature(SLACK_SIGNING_SECRET, timestamp, body))
                .build();
    }

    static HttpRequest salesforce(String token, byte[] body) {
        String query = token == null ? "" : "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return post("/hooks/salesforce" + query, body, "text/xml; charset=utf-8").header("SOAPAction", "\"\"").build();
    }

    /** Zendesk: base64(HMAC-SHA256(secret text, timestamp + body)). */
    static String zendeskSignature(String secret, String timestamp, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA256", secret, timestamp.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Slack: {@code v0=} hex HMAC-SHA256(secret, "v0:" + timestamp + ":" + body). */
    static String slackSignature(String secret, long timestamp, byte[] body) {
        return "v0=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret,
                ("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8), body));
    }

    private static byte[] hmac(String algorithm, String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            for (byte[] part : parts) mac.update(part);
            return mac.doFinal();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- hostile bodies ------------------------------------------------------------------------------

    /** A JSON object holding arrays nested 10,000 deep. */
    static String jsonNested10000Deep(String prefix) {
        return prefix + "[".repeat(10_000) + "]".repeat(10_000) + "}";
    }

    /** Valid JSON text except for one byte sequence that is not UTF-8 (0xC3 0x28). */
    static byte[] notUtf8(String jsonWithMarker) {
        byte[] text = jsonWithMarker.getBytes(StandardCharsets.UTF_8);
        int at = jsonWithMarker.indexOf('\u00a7');
        assertThat(at).as("the body needs a \u00a7 marker").isNotNegative();
        byte[] out = new byte[text.length];
        System.arraycopy(text, 0, out, 0, text.length);
        out[at] = (byte) 0xC3; // the marker is 2 bytes in UTF-8: C2 A7 -> C3 28, an invalid sequence
        out[at + 1] = (byte) 0x28;
        return out;
    }

    static byte[] oversized(String prefix, String suffix) {
        return (prefix + "x".repeat(OVER_LIMIT) + suffix).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Form field encoding as Slack writes it (spaces as +). */
    static String form(Map<String, String> fields) {
        StringBuilder out = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!out.isEmpty()) out.append('&');
            out.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return out.toString();
    }

    static String unique(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
    }

    /** A random decimal id of {@code digits} digits, as Zendesk ids are. */
    static String digits(int digits) {
        StringBuilder s = new StringBuilder().append(ThreadLocalRandom.current().nextInt(1, 10));
        while (s.length() < digits) s.append(ThreadLocalRandom.current().nextInt(10));
        return s.toString();
    }

    static String now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    // ---- "no trace" --------------------------------------------------------------------------------

    /** Every inbox row ever written, whatever its status. */
    static long inboxTotal(CsBridgeClient client) {
        CsBridgeClient.Answer answer = client.admin("/pipeline");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        long total = 0;
        for (Iterator<JsonNode> it = answer.json().get("inbox").elements(); it.hasNext(); ) total += it.next().asLong();
        return total;
    }

    /** {@code GET /admin/api/metrics/rejections} (cs-admin) by reason. */
    static Map<String, Long> rejections(CsBridgeClient client) {
        CsBridgeClient.Answer answer = client.admin("/metrics/rejections");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Map<String, Long> out = new LinkedHashMap<>();
        answer.json().get("byReason").properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        out.put("total", answer.json().get("total").asLong());
        return out;
    }

    /** Asserts the contract's refusal: the status, a JSON {@code {"error","detail"}} with the given error. */
    static void assertRefused(CsBridgeClient.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        JsonNode json = answer.json();
        assertThat(json.get("error").asText()).as(answer.body()).isEqualTo(error);
        assertThat(json.get("detail").asText()).as(answer.body()).isNotBlank();
    }
}
