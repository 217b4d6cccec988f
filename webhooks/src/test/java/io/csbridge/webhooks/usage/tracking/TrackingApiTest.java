package io.csbridge.webhooks.usage.tracking;

import io.csbridge.app.intake.EventIntake;
import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.webhooks.HookRejection;
import io.csbridge.webhooks.testing.FakeRequest;
import io.csbridge.webhooks.testing.TestPipeline;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tracking API on the real inbox: success only for what is committed; refusals leave no trace. */
class TrackingApiTest {

    static final String KEY = "wk-test-key";
    final Clock clock = Clock.fixed(Instant.parse("2026-02-01T12:00:00Z"), ZoneOffset.UTC);
    final TestPipeline pipeline = new TestPipeline(clock);
    final TrackingApi api = new TrackingApi();

    {
        api.intake = new EventIntake() {
            @Override
            public Inbox.Accepted accept(List<InboxEntry> entries) {
                return pipeline.inbox().accept(entries);
            }

            @Override
            public Clock clock() {
                return clock;
            }
        };
        api.writeKey = Optional.of(KEY);
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":").getBytes(StandardCharsets.UTF_8));
    }

    static String track(String messageId, String timestamp) {
        return """
                {"type":"track","messageId":"%s","userId":"u1","event":"Report Viewed","timestamp":"%s",
                 "context":{"groupId":"acme"},"properties":{"plan":"pro"}}""".formatted(messageId, timestamp);
    }

    Response post(String endpoint, byte[] body, Map<String, String> headers) throws IOException {
        return api.receive(endpoint, FakeRequest.of(body, headers));
    }

    Response post(String endpoint, String body) throws IOException {
        return post(endpoint, body.getBytes(StandardCharsets.UTF_8), Map.of("Authorization", basic(KEY)));
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    @Test
    void aBatchWithTheWriteKeyIsCommittedAndAnsweredSuccess() throws IOException {
        Response response = post("batch", "{\"batch\":[" + track("m1", "2026-02-01T10:00:00Z") + ","
                + track("m2", "2026-02-01T11:00:00Z") + "]}");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getEntity()).isEqualTo(Map.of("success", true));
        assertThat(pipeline.inboxRows()).containsExactly("usage|m1|2026-02-01T10:00:00Z", "usage|m2|2026-02-01T11:00:00Z");
    }

    @Test
    void analyticsJavaPostsToImportWithTheWriteKeyInTheBodyWhichIsNeverStored() throws IOException {
        String body = "{\"batch\":[" + track("m1", "2026-02-01T10:00:00Z") + "],\"writeKey\":\"" + KEY
                + "\",\"sentAt\":\"2026-02-01T10:00:00Z\",\"context\":{\"library\":{\"name\":\"analytics-java\"}}}";

        Response response = post("import/", body.getBytes(StandardCharsets.UTF_8), Map.of());

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(pipeline.inboxRows()).hasSize(1);
        assertThat(pipeline.payloadOf("m1")).doesNotContain(KEY);
    }

    @Test
    void noWrongOrMisplacedWriteKeyIs401AndStoresNothing() {
        byte[] body = ("{\"batch\":[" + track("m1", "2026-02-01T10:00:00Z") + "]}").getBytes(StandardCharsets.UTF_8);
        byte[] wrongInBody = ("{\"writeKey\":\"nope\",\"batch\":[" + track("m2", "2026-02-01T10:00:00Z") + "]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] wrongInMessage = ("{\"batch\":[" + track("m3", "2026-02-01T10:00:00Z").replace("{\"type\"", "{\"writeKey\":\"x\",\"type\"")
                + "]}").getBytes(StandardCharsets.UTF_8);

        assertRefused(() -> post("batch", body, Map.of()), 401, "invalid_write_key");
        assertRefused(() -> post("batch", body, Map.of("Authorization", basic("wrong"))), 401, "invalid_write_key");
        assertRefused(() -> post("batch", body, Map.of("Authorization", "Bearer " + KEY)), 401, "invalid_write_key");
        assertRefused(() -> post("batch", wrongInBody, Map.of()), 401, "invalid_write_key");
        assertRefused(() -> post("batch", wrongInMessage, Map.of("Authorization", basic(KEY))), 401, "invalid_write_key");
        assertRefused(() -> post("batch", "not json".getBytes(StandardCharsets.UTF_8), Map.of()), 401, "invalid_write_key");
        api.writeKey = Optional.empty();
        assertRefused(() -> post("batch", body, Map.of("Authorization", basic(KEY))), 401, "invalid_write_key");
        assertThat(pipeline.inboxRows()).isEmpty();
    }

    @Test
    void invalidJsonAndInvalidMessagesAre400WithTheReason() {
        assertRefused(() -> post("batch", "{\"batch\":"), 400, "malformed_request");
        assertRefused(() -> post("batch", "{\"batch\":{}}"), 400, "malformed_request");
        assertRefused(() -> post("track", "{\"event\":\"x\",\"userId\":\"u\"}"), 400, "invalid_message");
        assertRefused(() -> post("track", track("m1", "2026-02-01T10:00:00Z").replace("\"track\"", "\"page\"")), 400, "invalid_message");
        assertRefused(() -> post("batch", "{\"batch\":[" + track("m1", "2026-02-01T10:00:00Z") + ",{\"type\":\"track\"}]}"),
                400, "invalid_message");
        assertThat(pipeline.inboxRows()).isEmpty();
    }

    @Test
    void aSingleCallTakesItsTypeFromThePathAndAliasIsAnsweredButStoresNothing() throws IOException {
        String noType = track("m1", "2026-02-01T10:00:00Z").replace("\"type\":\"track\",", "");
        assertThat(post("track", noType).getStatus()).isEqualTo(200);
        assertThat(post("alias", "{\"messageId\":\"a1\",\"userId\":\"u1\",\"previousId\":\"anon-1\"}").getStatus()).isEqualTo(200);
        assertThat(post("screen", "{\"messageId\":\"s1\",\"userId\":\"u1\",\"name\":\"Home\",\"timestamp\":\"2026-02-01T10:00:00Z\","
                + "\"context\":{\"groupId\":\"acme\"}}").getStatus()).isEqualTo(200);

        assertThat(post("p", "{\"messageId\":\"p1\",\"userId\":\"u1\",\"name\":\"Home\",\"timestamp\":\"2026-02-01T10:00:00Z\","
                + "\"context\":{\"groupId\":\"acme\"}}").getHeaderString("Access-Control-Allow-Origin")).isEqualTo("*");

        assertThat(pipeline.inboxRows()).containsExactly("usage|m1|2026-02-01T10:00:00Z", "usage|s1|2026-02-01T10:00:00Z",
                "usage|p1|2026-02-01T10:00:00Z");
        assertThat(TrackingEndpoint.of("b")).isEqualTo(TrackingEndpoint.BATCH);
        assertThat(TrackingEndpoint.of("a/")).isEqualTo(TrackingEndpoint.ALIAS);
        assertThat(TrackingEndpoint.of("t")).isEqualTo(TrackingEndpoint.TRACK);
        assertRefused(() -> post("alias", "{\"messageId\":\"a2\",\"userId\":\"u1\"}"), 400, "invalid_message");
    }

    @Test
    void sentAtCorrectsTheSendersClockAndNoTimestampMeansReceived() throws IOException {
        // The device's clock is 2 h 5 min behind: it sent 5 minutes after the event, stamped by its own clock.
        String batch = "{\"sentAt\":\"2026-02-01T10:05:00Z\",\"batch\":[" + track("m1", "2026-02-01T10:00:00Z") + ","
                + track("m2", "2026-02-01T09:00:00Z").replace("\"type\"", "\"sentAt\":\"2026-02-01T09:30:00Z\",\"type\"") + ","
                + track("m3", "x").replace("\"timestamp\":\"x\",", "") + "]}";

        assertThat(post("batch", batch).getStatus()).isEqualTo(200);

        assertThat(pipeline.inboxRows()).containsExactly("usage|m1|2026-02-01T11:55:00Z",
                "usage|m2|2026-02-01T11:30:00Z", "usage|m3|2026-02-01T12:00:00Z");
        assertThat(pipeline.payloadOf("m1")).contains("\"originalTimestamp\":\"2026-02-01T10:00:00Z\"")
                .contains("\"receivedAt\":\"2026-02-01T12:00:00Z\"");
        assertRefused(() -> post("batch", "{\"sentAt\":\"yesterday\",\"batch\":[" + track("m9", "2026-02-01T10:00:00Z") + "]}"),
                400, "invalid_message");
    }

    @Test
    void theSameBatchTwiceIsAnsweredSuccessAndStoredOnce() throws IOException {
        String body = "{\"batch\":[" + track("m1", "2026-02-01T10:00:00Z") + "]}";
        assertThat(post("batch", body).getStatus()).isEqualTo(200);
        assertThat(post("batch", body).getStatus()).isEqualTo(200);
        assertThat(pipeline.inboxRows()).hasSize(1);
    }

    @Test
    void gzipBodiesAreInflated() throws IOException {
        byte[] body = gzip(("{\"batch\":[" + track("m1", "2026-02-01T10:00:00Z") + "]}").getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", basic(KEY), "Content-Encoding", "gzip"));

        assertThat(post("batch", body, headers).getStatus()).isEqualTo(200);
        assertThat(pipeline.inboxRows()).hasSize(1);
        assertRefused(() -> post("batch", "not gzip".getBytes(StandardCharsets.UTF_8), headers), 400, "malformed_request");
        headers.put("Content-Encoding", "br");
        assertRefused(() -> post("batch", body, headers), 415, "unsupported_media_type");
    }

    @Test
    void segmentsSizeLimitsAre400AndTheContractsBodyLimitIs413() {
        String padding = "x".repeat(33 * 1024);
        String bigMessage = track("m1", "2026-02-01T10:00:00Z").replace("\"plan\":\"pro\"", "\"pad\":\"" + padding + "\"");
        StringBuilder bigBatch = new StringBuilder("{\"batch\":[");
        for (int i = 0; i < 520; i++) bigBatch.append(i == 0 ? "" : ",").append(track("m" + i, "2026-02-01T10:00:00Z")
                .replace("\"plan\":\"pro\"", "\"pad\":\"" + "y".repeat(1000) + "\""));
        bigBatch.append("]}");

        assertRefused(() -> post("track", bigMessage), 400, "payload_too_large");
        assertRefused(() -> post("batch", "{\"batch\":[" + bigMessage + "]}"), 400, "payload_too_large");
        assertRefused(() -> post("batch", bigBatch.toString()), 400, "payload_too_large");
        assertRefused(() -> post("batch", "x".repeat((1 << 20) + 1)), 413, "payload_too_large");
        assertThat(pipeline.inboxRows()).isEmpty();
    }

    static void assertRefused(ThrowingCall call, int status, String error) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HookRejection.class, r -> {
            assertThat(r.status()).as(r.getMessage()).isEqualTo(status);
            assertThat(r.error()).isEqualTo(error);
            assertThat(r.getMessage()).doesNotContain(KEY);
        });
    }

    interface ThrowingCall {
        void run() throws Exception;
    }
}
