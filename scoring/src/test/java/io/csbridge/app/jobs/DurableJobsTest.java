package io.csbridge.app.jobs;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.Database;
import io.csbridge.store.jobs.Checkpoint;
import io.csbridge.store.jobs.JobRecord;
import io.csbridge.store.jobs.JobStore;
import io.csbridge.store.jobs.JobSteps;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Durable jobs on a real database: resumed after their node died, never counted twice, cancellable from anywhere. */
class DurableJobsTest {

    static final int RECORDS = 95;
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    final Database db = TestDatabase.fresh();
    final JobStore store = new JobStore(db);
    final Clock clock = Clock.systemUTC();
    final List<JobRunner> runners = new ArrayList<>();

    /** Feeds records 0..94 to the inbox ten at a time; the cursor is the next record. */
    static final class Feed implements JobKind {
        volatile CountDownLatch hold;

        @Override
        public String kind() {
            return "feed";
        }

        @Override
        public void run(JobRun run) throws InterruptedException {
            int next = run.cursor() == null ? 0 : Integer.parseInt(run.cursor());
            long[] accepted = {run.counts().getOrDefault("accepted", 0L)};
            while (next < RECORDS && !run.shouldStop()) {
                if (hold != null) hold.await(10, TimeUnit.SECONDS);
                List<InboxEntry> step = new ArrayList<>();
                for (int i = next; i < Math.min(RECORDS, next + 10); i++) step.add(entry(i));
                int after = next + step.size();
                run.commit(step, List.of(), fresh -> {
                    long n = accepted[0];
                    for (boolean f : fresh) if (f) n++;
                    accepted[0] = n;
                    return new Checkpoint(String.valueOf(after), after, after, RECORDS, Map.of("accepted", n));
                });
                next = after;
            }
        }
    }

    final Feed feed = new Feed();

    static InboxEntry entry(int i) {
        return new InboxEntry("usage", "m-" + i, T0.plusSeconds(i), "{}",
                List.of(Signal.of(AccountKey.product("acme"), SignalKind.PAGE_VIEW, T0.plusSeconds(i))));
    }

    JobRunner runner(String node) {
        JobRunner r = new JobRunner(db, k -> k.equals("feed") ? feed : null, node, clock, Thread::new, () -> { });
        runners.add(r);
        return r;
    }

    @AfterEach
    void stopRunners() {
        runners.forEach(JobRunner::stop);
    }

    JobRecord awaitEnd(long id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JobRecord job = store.find(id).orElseThrow();
            if (!job.running()) return job;
            Thread.sleep(50);
        }
        throw new AssertionError("job " + id + " did not end: " + store.find(id));
    }

    @Test
    void theMetricsTotalsAddUpEachKindSourceAndStatesJobsRecordsAndTheRunningJobsProgress() throws Exception {
        long finished = store.create("feed", "usage-file", Map.of(), "admin", T0);
        runner("one").tick();
        assertThat(awaitEnd(finished).state()).isEqualTo(JobRecord.DONE);
        long running = store.create("feed", "usage-file", Map.of(), "admin", T0);
        assertThat(store.claim(running, "held", Duration.ofMinutes(1))).isTrue();
        new JobSteps(db).commit(running, "held", Duration.ofMinutes(1), List.of(entry(200), entry(201)), List.of(),
                fresh -> new Checkpoint("2", 2, 2, RECORDS, Map.of()), T0);
        long rescore = store.create("rescore", null, Map.of(), "admin", T0);
        store.finish(rescore, null, JobRecord.CANCELLED, null, T0);

        assertThat(store.totals()).containsExactlyInAnyOrder(
                new io.csbridge.store.jobs.JobTotal("feed", "usage-file", JobRecord.DONE, 1, RECORDS, RECORDS, RECORDS),
                new io.csbridge.store.jobs.JobTotal("feed", "usage-file", JobRecord.RUNNING, 1, 2, 2, RECORDS),
                new io.csbridge.store.jobs.JobTotal("rescore", "", JobRecord.CANCELLED, 1, 0, 0, 0));
        assertThat(JobMetrics.label(JobRecord.DONE)).as("the word /admin/api/jobs uses").isEqualTo("finished");
    }

    @Test
    void aJobWhoseNodeDiedIsResumedFromItsCheckpointAndCountsEveryRecordOnce() throws Exception {
        long id = store.create("feed", "usage-file", Map.of(), "admin", T0);
        // The first node claims it, commits three steps, and dies (kill -9: no release, no finish).
        assertThat(store.claim(id, "dead", Duration.ofMillis(300))).isTrue();
        JobSteps steps = new JobSteps(db);
        for (int from = 0; from < 30; from += 10) {
            List<InboxEntry> step = new ArrayList<>();
            for (int i = from; i < from + 10; i++) step.add(entry(i));
            int after = from + 10;
            steps.commit(id, "dead", Duration.ofMillis(300), step, List.of(),
                    fresh -> new Checkpoint(String.valueOf(after), after, after, RECORDS, Map.of("accepted", (long) after)), T0);
        }
        assertThat(runner("early").tick()).as("the lease still holds").isZero();
        Thread.sleep(400);
        runner("alive").tick();

        JobRecord done = awaitEnd(id);
        assertThat(done.state()).isEqualTo(JobRecord.DONE);
        assertThat(done.node()).isEqualTo("alive");
        assertThat(done.processed()).isEqualTo(RECORDS);
        assertThat(done.counts()).containsEntry("accepted", (long) RECORDS);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event")).isEqualTo(RECORDS);
        assertThat(TestDatabase.count(db, "SELECT COUNT(DISTINCT dedupe_key) FROM inbox_event")).isEqualTo(RECORDS);
    }

    @Test
    void aNodeThatLostItsLeaseCommitsNothingMore() throws InterruptedException {
        long id = store.create("feed", null, Map.of(), "admin", T0);
        assertThat(store.claim(id, "slow", Duration.ofMillis(1))).isTrue();
        Thread.sleep(50); // the database clock moves past the 1 ms lease (same-millisecond statements would not see it lapse)
        assertThat(store.claim(id, "other", Duration.ofMinutes(1))).as("taken over once the lease ran out")
                .isTrue();
        assertThatThrownBy(() -> new JobSteps(db).commit(id, "slow", Duration.ofMinutes(1), List.of(entry(1)), List.of(),
                fresh -> new Checkpoint("2", 1, 1, 1, Map.of()), T0)).isInstanceOf(JobSteps.LostJobException.class);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event")).as("the step rolled back").isZero();
    }

    @Test
    void aCancelFromAnyNodeStopsTheRunAndEndsTheJobCancelled() throws Exception {
        feed.hold = new CountDownLatch(1);
        long id = store.create("feed", "usage-file", Map.of(), "admin", T0);
        runner("a").tick();
        Thread.sleep(200);
        assertThat(store.requestCancel(id)).isTrue();
        Thread.sleep(1_100);
        feed.hold.countDown();
        JobRecord cancelled = awaitEnd(id);
        assertThat(cancelled.state()).isEqualTo(JobRecord.CANCELLED);
        assertThat(cancelled.processed()).isLessThan(RECORDS);
        assertThat(store.create("feed", "usage-file", Map.of(), "admin", T0)).as("the source is free again").isPositive();
    }

    @Test
    void oneJobPerSourceRunsAtATime() {
        store.create("feed", "salesforce", Map.of(), "admin", T0);
        assertThatThrownBy(() -> store.create("feed", "salesforce", Map.of(), "admin", T0))
                .isInstanceOf(JobStore.SourceBusyException.class);
        assertThat(store.create("feed", "zendesk", Map.of(), "admin", T0)).isPositive();
        assertThat(store.create("feed", null, Map.of(), "admin", T0)).isPositive();
        assertThat(store.create("feed", null, Map.of(), "admin", T0)).isPositive();
    }

    @Test
    void aStoppingServerGivesItsJobsUpSoTheNextStartResumesThemAtOnce() throws Exception {
        feed.hold = new CountDownLatch(1);
        long id = store.create("feed", null, Map.of(), "admin", T0);
        JobRunner first = runner("first");
        first.tick();
        Thread.sleep(200);
        feed.hold.countDown();
        first.stop();
        JobRecord left = store.find(id).orElseThrow();
        assertThat(left.state()).isEqualTo(JobRecord.RUNNING);
        assertThat(left.leaseExpired()).isTrue();
        feed.hold = null;
        runner("second").tick();
        JobRecord done = awaitEnd(id);
        assertThat(done.state()).isEqualTo(JobRecord.DONE);
        assertThat(done.counts()).containsEntry("accepted", (long) RECORDS);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event")).isEqualTo(RECORDS);
    }
}
