package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.segment.analytics.Analytics;
import com.segment.analytics.Callback;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.IdentifyMessage;
import com.segment.analytics.messages.Message;
import com.segment.analytics.messages.MessageBuilder;
import com.segment.analytics.messages.PageMessage;
import com.segment.analytics.messages.TrackMessage;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.group;
import static io.csbridge.ear.UsageMessages.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A product that already uses Segment's libraries sends to CS Bridge by changing only the endpoint and
 * the write key: Segment's own analytics-java, pointed at the server, gives the same accounts and
 * scores as the signed webhook; the tracking API refuses what it must, leaving no trace.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SegmentLibraryIT {

    /** The {@code usage.write-key} the {@code wildfly} container in arquillian.xml starts with. */
    static final String WRITE_KEY = "it-usage-write-key";
    static final String ENDPOINT = CsBridgeClient.BASE + "/hooks/usage";

    final CsBridgeClient client = new CsBridgeClient();
    final Instant now = Instant.now();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    /** What the library reports back for each message. */
    static final class Outcomes implements Callback {
        final ConcurrentLinkedQueue<String> delivered = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failed = new ConcurrentLinkedQueue<>();

        @Override
        public void success(Message message) {
            delivered.add(message.messageId());
        }

        @Override
        public void failure(Message message, Throwable throwable) {
            failed.add(message.messageId());
        }

        void await(int messages) {
            await(messages, 60);
        }

        void await(int messages, int seconds) {
            Instant deadline = Instant.now().plusSeconds(seconds);
            while (delivered.size() + failed.size() < messages && Instant.now().isBefore(deadline)) CsBridgeClient.sleep(100);
        }
    }

    static Analytics library(String writeKey, Outcomes outcomes) {
        return Analytics.builder(writeKey).endpoint(ENDPOINT).flushQueueSize(2).retries(3).callback(outcomes).build();
    }

    static Date at(Instant instant) {
        return Date.from(instant);
    }

    @Test
    void identifyGroupTrackAndPageFromAnalyticsJavaScoreAsTheSignedWebhookDoes() {
        String viaLibrary = "seglib-" + UUID.randomUUID();
        String viaWebhook = "seghook-" + UUID.randomUUID();
        Instant grouped = now.minus(Duration.ofDays(3));
        Instant firstUse = now.minus(Duration.ofDays(2));
        Instant secondUse = now.minus(Duration.ofDays(1));

        Outcomes outcomes = new Outcomes();
        Analytics analytics = library(WRITE_KEY, outcomes);
        List<MessageBuilder<?, ?>> calls = List.of(
                GroupMessage.builder(viaLibrary).userId("u-" + viaLibrary).timestamp(at(grouped)).messageId("g-" + viaLibrary)
                        .traits(Map.of("name", "Acme " + viaLibrary, "domain", viaLibrary + ".example",
                                "salesforceAccountId", "001L", "arr", 120000, "seats", 50)),
                IdentifyMessage.builder().userId("u-" + viaLibrary).timestamp(at(grouped.plusSeconds(60)))
                        .messageId("i-" + viaLibrary).traits(Map.of("email", "ann@" + viaLibrary + ".example")),
                TrackMessage.builder("Report Viewed").userId("u-" + viaLibrary).timestamp(at(firstUse))
                        .messageId("t1-" + viaLibrary).context(Map.of("groupId", viaLibrary)).properties(Map.of("plan", "pro")),
                TrackMessage.builder("Report Viewed").userId("u-" + viaLibrary).timestamp(at(secondUse))
                        .messageId("t2-" + viaLibrary).context(Map.of("groupId", viaLibrary)).properties(Map.of("plan", "pro")),
                PageMessage.builder("Pricing").userId("u-" + viaLibrary).timestamp(at(secondUse.plusSeconds(60)))
                        .messageId("p-" + viaLibrary).context(Map.of("groupId", viaLibrary)),
                // No context.groupId: the user's group call ties it to the account.
                TrackMessage.builder("Dashboard Opened").userId("u-" + viaLibrary).timestamp(at(secondUse.plusSeconds(120)))
                        .messageId("t3-" + viaLibrary));
        calls.forEach(analytics::enqueue);
        analytics.flush();
        outcomes.await(calls.size());
        analytics.shutdown();
        assertThat(outcomes.failed).isEmpty();
        assertThat(outcomes.delivered).hasSize(calls.size());

        // The same facts, as the product's Segment workspace would deliver them through the signed webhook.
        assertThat(client.postUsage(batch(List.of(
                group("g-" + viaWebhook, viaWebhook, "Acme " + viaLibrary, viaWebhook + ".example", "001L", grouped),
                """
                {"type":"identify","messageId":"i-%s","userId":"u-%s","timestamp":"%s","traits":{"email":"ann@%s.example"}}"""
                        .formatted(viaWebhook, viaWebhook, grouped.plusSeconds(60), viaWebhook)))).status()).isEqualTo(200);
        assertThat(client.postUsage(batch(List.of(
                track("t1-" + viaWebhook, viaWebhook, "Report Viewed", firstUse),
                track("t2-" + viaWebhook, viaWebhook, "Report Viewed", secondUse),
                """
                {"type":"page","messageId":"p-%s","userId":"u-%s","name":"Pricing","timestamp":"%s","context":{"groupId":"%s"}}"""
                        .formatted(viaWebhook, viaWebhook, secondUse.plusSeconds(60), viaWebhook),
                """
                {"type":"track","messageId":"t3-%s","userId":"u-%s","event":"Dashboard Opened","timestamp":"%s"}"""
                        .formatted(viaWebhook, viaWebhook, secondUse.plusSeconds(120))))).status()).isEqualTo(200);

        JsonNode library = scored(viaLibrary);
        JsonNode webhook = scored(viaWebhook);
        assertThat(library.get("name").asText()).isEqualTo("Acme " + viaLibrary);
        assertThat(library.get("keys").get("product").asText()).isEqualTo(viaLibrary);
        assertThat(library.get("keys").get("domains").get(0).asText()).isEqualTo(viaLibrary + ".example");
        assertThat(library.get("signalCount").asInt()).as("group, tracks (one tied by the user) and page").isGreaterThanOrEqualTo(5);
        for (String field : List.of("healthScore", "band", "signalCount", "churnRisk", "segment")) {
            assertThat(library.get(field)).as(field).isEqualTo(webhook.get(field));
        }
        assertThat(library.get("drivers").findValuesAsText("explanation"))
                .isEqualTo(webhook.get("drivers").findValuesAsText("explanation"))
                .contains("active on 2 of the last 30 days");
        assertThat(client.admin("/pipeline").json().get("inbox").get("failed").asInt()).isZero();
    }

    /** The account once it is scored and the pipeline has applied everything waiting. */
    JsonNode scored(String account) {
        client.awaitAdmin("/accounts/" + account, a -> a.status() == 200 && a.json().get("healthScore") != null
                && !a.json().get("healthScore").isNull()
                && client.admin("/pipeline").json().get("inbox").get("new").asInt() == 0, 30);
        CsBridgeClient.sleep(500);
        return client.admin("/accounts/" + account).json();
    }

    @Test
    void aWrongWriteKeyOrNoneIs401AndNothingIsStored() {
        String refused = "segwrong-" + UUID.randomUUID();
        Outcomes outcomes = new Outcomes();
        Analytics analytics = library("not-the-write-key", outcomes);
        analytics.enqueue(TrackMessage.builder("Report Viewed").userId("u-" + refused).timestamp(at(now))
                .messageId("t-" + refused).context(Map.of("groupId", refused)));
        analytics.flush();
        outcomes.await(1);
        analytics.shutdown();
        byte[] body = batch(List.of(track("t2-" + refused, refused, "Report Viewed", now))).getBytes(StandardCharsets.UTF_8);

        CsBridgeClient.Answer none = client.send(InboundRequests.post("/hooks/usage/v1/batch", body, "application/json").build());
        CsBridgeClient.Answer wrong = client.send(InboundRequests.post("/hooks/usage/v1/batch", body, "application/json")
                .header("Authorization", basic("it-usage-write-ke")).build());
        CsBridgeClient.Answer signedOnly = client.send(InboundRequests.post("/hooks/usage/v1/batch", body, "application/json")
                .header("X-Signature", CsBridgeClient.sign(new String(body, StandardCharsets.UTF_8))).build());

        assertThat(outcomes.failed).containsExactly("t-" + refused);
        for (CsBridgeClient.Answer answer : List.of(none, wrong, signedOnly)) {
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().get("error").asText()).isEqualTo("invalid_write_key");
            assertThat(answer.body()).doesNotContain(WRITE_KEY);
        }
        // A later, valid call is processed; the refused ones never were.
        String witness = "segwitness-" + UUID.randomUUID();
        assertThat(tracking("track", json(track("t-" + witness, witness, "Report Viewed", now)), null).status()).isEqualTo(200);
        client.awaitAdmin("/accounts/" + witness, a -> a.status() == 200, 30);
        assertThat(client.admin("/accounts/" + refused).status()).isEqualTo(404);
    }

    @Test
    void gzipBombsNonJsonAndOversizedBodiesAreRefusedWithSegmentsAnswers() throws IOException {
        String account = "seggzip-" + UUID.randomUUID();
        byte[] zipped = gzip(json(batch(List.of(track("t-" + account, account, "Report Viewed", now.minusSeconds(60))))));
        CsBridgeClient.Answer gzipped = tracking("batch", zipped, "gzip");
        CsBridgeClient.Answer again = tracking("batch", zipped, "gzip");

        byte[] bomb = gzip(new byte[256 << 20]); // 256 MiB of zeros in about 250 KB
        long started = System.nanoTime();
        CsBridgeClient.Answer bombed = tracking("batch", bomb, "gzip");
        long bombMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        CsBridgeClient.Answer notJson = tracking("batch", json("{\"batch\":[{\"type\":"), null);
        CsBridgeClient.Answer notGzip = tracking("batch", json("{\"batch\":[]}"), "gzip");
        String padding = "x".repeat(40 * 1024);
        CsBridgeClient.Answer bigCall = tracking("track", json(track("big-" + account, account, "Report Viewed", now)
                .replace("\"plan\":\"pro\"", "\"pad\":\"" + padding + "\"")), null);
        CsBridgeClient.Answer bigBatch = tracking("batch", json("{\"batch\":[],\"pad\":\"" + "x".repeat(600 * 1024) + "\"}"), null);
        CsBridgeClient.Answer overContract = tracking("batch", new byte[InboundRequests.OVER_LIMIT], null);

        assertThat(gzipped.status()).isEqualTo(200);
        assertThat(gzipped.json().get("success").asBoolean()).isTrue();
        assertThat(again.status()).as("a retried batch is answered success and stored once").isEqualTo(200);
        assertThat(bombed.status()).isEqualTo(400);
        assertThat(bombed.json().get("error").asText()).isEqualTo("payload_too_large");
        assertThat(bombMillis).as("refused while inflating, not after 256 MiB").isLessThan(10_000);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asText()).isEqualTo("malformed_request");
        assertThat(notGzip.status()).isEqualTo(400);
        assertThat(bigCall.status()).isEqualTo(400);
        assertThat(bigCall.json().get("detail").asText()).contains("32 KB");
        assertThat(bigBatch.status()).isEqualTo(400);
        assertThat(bigBatch.json().get("detail").asText()).contains("500 KB");
        assertThat(overContract.status()).isEqualTo(413);
        JsonNode stored = client.awaitAdmin("/accounts/" + account, a -> a.status() == 200, 30).json();
        CsBridgeClient.sleep(1500);
        assertThat(client.admin("/accounts/" + account).json().get("signalCount").asInt()).isEqualTo(1);
        assertThat(stored.get("id").asText()).isEqualTo(account);
    }

    CsBridgeClient.Answer tracking(String endpoint, byte[] body, String contentEncoding) {
        var request = InboundRequests.post("/hooks/usage/v1/" + endpoint, body, "application/json")
                .header("Authorization", basic(WRITE_KEY));
        if (contentEncoding != null) request.header("Content-Encoding", contentEncoding);
        return client.send(request.build());
    }

    static String basic(String writeKey) {
        return "Basic " + Base64.getEncoder().encodeToString((writeKey + ":").getBytes(StandardCharsets.UTF_8));
    }

    static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
