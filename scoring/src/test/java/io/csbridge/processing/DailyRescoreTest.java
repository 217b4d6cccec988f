package io.csbridge.processing;

import io.csbridge.inbox.Inbox;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.InboxStore;
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
}
