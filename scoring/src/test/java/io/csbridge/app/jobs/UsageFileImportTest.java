package io.csbridge.app.jobs;

import io.csbridge.app.imports.UsageFileJob;
import io.csbridge.app.imports.UsageImports;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.Database;
import io.csbridge.store.jobs.JobRecord;
import io.csbridge.store.jobs.JobStore;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The usage-file import on a real database: exact counts, bad lines by number, dedupe with the webhook, resumed once. */
class UsageFileImportTest {

    static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");
    static final int GOOD = 12_000;

    final Database db = TestDatabase.fresh();
    final JobStore store = new JobStore(db);
    final List<JobRunner> runners = new ArrayList<>();
    final UsageFileJob kind = new UsageFileJob();
    @TempDir
    Path dir;

    JobRunner runner(String node) {
        JobRunner r = new JobRunner(db, k -> k.equals(UsageFileJob.KIND) ? kind : null, node, Clock.systemUTC(),
                Thread::new, () -> { });
        runners.add(r);
        return r;
    }

    @AfterEach
    void stop() {
        runners.forEach(JobRunner::stop);
    }

    static String message(int i) {
        return "{\"type\":\"track\",\"messageId\":\"imp-" + i + "\",\"userId\":\"u" + (i % 7) + "\",\"event\":\"Report Viewed\","
                + "\"timestamp\":\"" + T0.plusSeconds(i * 60L) + "\",\"context\":{\"groupId\":\"acct-" + (i % 40) + "\"}}";
    }

    /** GOOD messages; line 3 broken JSON, line 5 without messageId, line 8 blank, every 1000th repeats an earlier one. */
    Path file() throws IOException {
        Path file = dir.resolve("history.ndjson.gz");
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(file));
             Writer w = new java.io.OutputStreamWriter(gz, StandardCharsets.UTF_8)) {
            int line = 0;
            for (int i = 0; i < GOOD; i++) {
                line++;
                if (line == 3) { w.write("{not json\n"); line++; }
                if (line == 5) { w.write("{\"type\":\"track\",\"event\":\"x\",\"timestamp\":\"2025-01-01T00:00:00Z\"}\n"); line++; }
                if (line == 8) { w.write("\n"); line++; }
                w.write(message(i) + "\n");
                if (i > 0 && i % 1000 == 0) { w.write(message(i - 1) + "\r\n"); line++; }
            }
        }
        return file;
    }

    JobRecord awaitEnd(long id) throws InterruptedException {
        for (int i = 0; i < 1200; i++) {
            JobRecord job = store.find(id).orElseThrow();
            if (!job.running()) return job;
            Thread.sleep(50);
        }
        throw new AssertionError("not done: " + store.find(id));
    }

    @Test
    void anImportStoppedMidwayResumesWithExactCountsBadLinesByNumberAndWebhookDuplicatesOnce() throws Exception {
        // Two messages arrived by webhook before the import: they count once.
        new InboxStore(db).insertTogether(List.of(List.of(
                new InboxEntry("usage", "imp-10", T0, "{}", List.of(Signal.of(AccountKey.product("acct-10"), SignalKind.PRODUCT_EVENT, T0))),
                new InboxEntry("usage", "imp-11", T0, "{}", List.of(Signal.of(AccountKey.product("acct-11"), SignalKind.PRODUCT_EVENT, T0))))),
                Clock.systemUTC());
        Path file = file();
        long size = Files.size(file);
        long id = store.create(UsageFileJob.KIND, UsageImports.SOURCE,
                Map.of(UsageImports.FILE, file.toString(), UsageImports.GZIP, "true"), "admin", T0);
        JobRunner first = runner("first");
        first.tick();
        while (store.find(id).orElseThrow().processed() == 0) Thread.sleep(5);
        first.stop();
        JobRecord midway = store.find(id).orElseThrow();
        assertThat(midway.state()).isEqualTo(JobRecord.RUNNING);
        assertThat(midway.processed()).as("stopped midway").isBetween(1L, (long) GOOD);

        runner("second").tick();
        JobRecord done = awaitEnd(id);

        assertThat(done.state()).as(String.valueOf(done.error())).isEqualTo(JobRecord.DONE);
        int repeats = (GOOD - 1) / 1000;
        assertThat(done.counts()).containsEntry("lines", (long) GOOD + repeats + 2)
                .containsEntry("accepted", (long) GOOD - 2)
                .containsEntry("duplicates", (long) repeats + 2)
                .containsEntry("rejected", 2L);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event")).isEqualTo(GOOD);
        assertThat(store.rejections(id, 100)).extracting(JobStore.Rejection::item).containsExactly(3L, 5L);
        assertThat(store.rejections(id, 100).get(1).error()).contains("messageId is required");
        assertThat(done.workDone()).isEqualTo(done.workTotal()).isEqualTo(size);
        assertThat(file).as("the upload is deleted once imported").doesNotExist();
    }
}
