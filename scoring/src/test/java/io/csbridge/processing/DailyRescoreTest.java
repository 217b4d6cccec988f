package io.csbridge.processing;

import io.csbridge.inbox.Inbox;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.store.pipeline.ScheduledRuns;
import io.csbridge.testing.TestDatabase;

import io.csbridge.domain.scoring.ModelScorer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DailyRescoreTest {

    static final Instant DAY_ONE = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void everyAccountIsRescoredOnceADayAndEachDayGetsItsHistoryRow() {
        Database db = TestDatabase.fresh();
        Clock first = Clock.fixed(DAY_ONE, ZoneOffset.UTC);
        try (Inbox inbox = new Inbox(new InboxStore(db), first, Thread::new, () -> { })) {
            inbox.accept(List.of(PipelineTest.usage("m-1", "acme", DAY_ONE.minusSeconds(60)),
                    PipelineTest.usage("m-2", "globex", DAY_ONE.minusSeconds(30))));
        }
        new EventProcessor(db, ModelScorer::withDefaults, List::of, first, 50).processBatch();
        Clock next = Clock.fixed(DAY_ONE.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        EventProcessor later = new EventProcessor(db, ModelScorer::withDefaults, List::of, next, 50);

        int firstRun = new DailyRescore(db, later, next, () -> false).runIfDue();
        int secondRun = new DailyRescore(db, later, next, () -> false).runIfDue();

        assertThat(firstRun).isEqualTo(2);
        assertThat(secondRun).as("another node, or the same one later that day").isZero();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM score_history WHERE account_id = 'acme'")).isEqualTo(2);
    }

    @Test
    void aDayWhoseOwnerDiedUnfinishedIsTakenOverAndFinishedByAnotherNode() throws Exception {
        Database db = TestDatabase.fresh();
        Clock first = Clock.fixed(DAY_ONE, ZoneOffset.UTC);
        try (Inbox inbox = new Inbox(new InboxStore(db), first, Thread::new, () -> { })) {
            inbox.accept(List.of(PipelineTest.usage("m-1", "acme", DAY_ONE.minusSeconds(60))));
        }
        new EventProcessor(db, ModelScorer::withDefaults, List::of, first, 50).processBatch();
        Clock next = Clock.fixed(DAY_ONE.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        EventProcessor later = new EventProcessor(db, ModelScorer::withDefaults, List::of, next, 50);
        java.time.LocalDate day = DAY_ONE.plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC).toLocalDate();
        ScheduledRuns runs = new ScheduledRuns(db);
        // node A claims the day and dies before its first chunk (kill -9: no finish, no more renewals)
        assertThat(runs.claim(DailyRescore.NAME, day, next.instant(), "node-a", Duration.ofSeconds(4))).isPresent();

        int whileALives = new DailyRescore(db, later, next, () -> false, "node-b", Duration.ofMillis(300)).runIfDue();
        Thread.sleep(5_000); // A's lease runs out (the database's clock)
        int afterALeaseEnded = new DailyRescore(db, later, next, () -> false, "node-b", Duration.ofMillis(300)).runIfDue();
        int again = new DailyRescore(db, later, next, () -> false, "node-c", Duration.ofMillis(300)).runIfDue();

        assertThat(whileALives).as("A's lease still runs").isZero();
        assertThat(afterALeaseEnded).isEqualTo(1);
        assertThat(again).as("finished: nobody runs the day again").isZero();
        ScheduledRuns.Run run = runs.run(DailyRescore.NAME, day).orElseThrow();
        assertThat(run.owner()).isEqualTo("node-b");
        assertThat(run.finishedAt()).isPresent();
        assertThat(run.takeovers()).isEqualTo(1);
    }

    @Test
    void aNodeWhoseDayWasTakenOverCanNeitherRenewNorFinishIt() throws Exception {
        Database db = TestDatabase.fresh();
        ScheduledRuns runs = new ScheduledRuns(db);
        java.time.LocalDate day = java.time.LocalDate.of(2026, 3, 2);
        ScheduledRuns.Claim a = runs.claim(DailyRescore.NAME, day, DAY_ONE, "node-a", Duration.ofMillis(200)).orElseThrow();
        Thread.sleep(500);
        ScheduledRuns.Claim b = runs.claim(DailyRescore.NAME, day, DAY_ONE, "node-b", Duration.ofMinutes(2)).orElseThrow();

        assertThat(runs.renew(a, Duration.ofMinutes(2))).isFalse();
        assertThat(runs.finish(a, DAY_ONE)).isFalse();
        assertThat(runs.claim(DailyRescore.NAME, day, DAY_ONE, "node-c", Duration.ofMinutes(2))).as("B's lease runs").isEmpty();
        assertThat(runs.finish(b, DAY_ONE)).isTrue();
    }
}
