package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /admin/api/imports/usage} through the real EAR: a generated gzip NDJSON history with bad lines is
 * imported with exact counts, each bad line reported by number and skipped, and a message the webhook delivered
 * too counts once, whichever came first.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UsageImportIT {

    private static final Logger LOG = Logger.getLogger(UsageImportIT.class.getName());
    static final int GOOD = 12_000;
    static final int ACCOUNTS = 40;

    final CsBridgeClient client = new CsBridgeClient();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @Test
    void aGzipHistoryIsImportedWithExactCountsBadLinesByNumberAndWebhookDuplicatesCountedOnce() {
        String run = "imp" + UUID.randomUUID().toString().substring(0, 8);
        Instant start = Instant.now().minus(Duration.ofDays(40));
        UsageHistory history = new UsageHistory(run, GOOD, ACCOUNTS, 500, start);
        // Two messages of the file arrived by webhook first.
        assertThat(client.postUsage(UsageMessages.batch(List.of(history.message(7, ACCOUNTS, start),
                history.message(9_000, ACCOUNTS, start)))).status()).isEqualTo(200);

        long began = System.nanoTime();
        CsBridgeClient.Answer accepted = client.send(history.upload());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("source").asText()).isEqualTo("usage-file");
        assertThat(accepted.json().get("state").asText()).isEqualTo("RUNNING");
        String id = accepted.json().get("id").asText();

        JsonNode done = client.awaitAdmin("/backfills/" + id, a -> !"RUNNING".equals(a.json().path("state").asText()), 180).json();
        double seconds = (System.nanoTime() - began) / 1e9;
        LOG.info(() -> String.format("imported %d lines (%d bytes gzip) in %.1f s: %.0f messages/s",
                GOOD + history.bad, history.gzip.length, seconds, GOOD / seconds));
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.get("processed").asLong()).isEqualTo(GOOD + history.bad);
        assertThat(done.at("/counts/accepted").asLong()).isEqualTo(GOOD - 2);
        assertThat(done.at("/counts/duplicates").asLong()).isEqualTo(2);
        assertThat(done.at("/counts/rejected").asLong()).isEqualTo(history.bad).isEqualTo(24);
        JsonNode rejected = done.get("rejected");
        assertThat(rejected).hasSize(24);
        // The first bad line follows good message 499 (line 500): line 501, then every 501 lines.
        assertThat(rejected.get(0).get("line").asLong()).isEqualTo(501);
        assertThat(rejected.get(0).get("error").asText()).contains("not valid JSON");
        assertThat(rejected.get(1).get("line").asLong()).isEqualTo(1002);
        assertThat(rejected.get(1).get("error").asText()).contains("messageId is required");
        assertThat(done.at("/progress/done").asLong()).isEqualTo(done.at("/progress/total").asLong()).isEqualTo(history.gzip.length);

        // The webhook sends one the import already had: a duplicate, not a second event.
        CsBridgeClient.Answer again = client.postUsage(UsageMessages.batch(List.of(history.message(11_999, ACCOUNTS, start))));
        assertThat(again.json().get("accepted").asInt()).isZero();
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(1);

        // Every imported event is applied once: each account's signals are exactly its messages.
        JsonNode account = client.awaitAdmin("/accounts/" + history.account(3, ACCOUNTS),
                a -> a.status() == 200 && a.json().get("signalCount").asInt() >= GOOD / ACCOUNTS, 240).json();
        CsBridgeClient.sleep(500);
        assertThat(client.admin("/accounts/" + history.account(3, ACCOUNTS)).json().get("signalCount").asInt())
                .as(account.toString()).isEqualTo(GOOD / ACCOUNTS);

        // It is listed with the backfills and the jobs.
        assertThat(client.admin("/backfills").json().get("items").findValuesAsText("id")).contains(id);
        assertThat(client.admin("/jobs/" + id).json().get("state").asText()).isEqualTo("finished");
    }

    @Test
    void badUploadsAreRefusedClearlyAndStartNothing() {
        int before = client.admin("/backfills").json().get("items").size();
        CsBridgeClient.Answer notGzip = client.send(UsageHistory.upload("{\"type\":\"track\"}\n".getBytes(StandardCharsets.UTF_8),
                "application/x-ndjson", "gzip"));
        assertThat(notGzip.status()).isEqualTo(400);
        assertThat(notGzip.json().get("detail").asText()).contains("not gzip");
        assertThat(client.send(UsageHistory.upload(new byte[0], "application/x-ndjson", null)).status()).isEqualTo(400);
        assertThat(client.send(UsageHistory.upload("{}".getBytes(StandardCharsets.UTF_8), "text/plain", null)).status())
                .isEqualTo(415);
        assertThat(client.admin("/backfills").json().get("items").size()).isEqualTo(before);
        assertThat(client.admin("/backfills/999999").status()).isEqualTo(404);
    }

    @Test
    void aRunningImportIsCancelledAsTheUiDoesAndFreesTheSourceForTheNext() {
        UsageHistory history = new UsageHistory("cancel" + UUID.randomUUID().toString().substring(0, 6), 60_000, 10, 0,
                Instant.now().minus(Duration.ofDays(30)));
        CsBridgeClient.Answer accepted = client.send(history.upload());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        assertThat(client.send(history.upload()).status()).as("one import at a time").isEqualTo(409);

        CsBridgeClient.Answer cancelled = client.send(UsageHistory.delete("/admin/api/jobs/" + id));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        JsonNode ended = client.awaitAdmin("/backfills/" + id, a -> !"RUNNING".equals(a.json().path("state").asText()), 60).json();
        assertThat(ended.get("state").asText()).isEqualTo("CANCELLED");
        assertThat(ended.get("processed").asLong()).isLessThan(60_000);
        assertThat(client.admin("/jobs/" + id).json().get("state").asText()).isEqualTo("cancelled");
        assertThat(client.send(UsageHistory.delete("/admin/api/backfills/999999")).status()).isEqualTo(404);
        assertThat(client.admin("/audit?subject=job/" + id).json().get("items").findValuesAsText("action"))
                .as("who started and who cancelled it").contains("job.start", "job.cancel");
    }
}
