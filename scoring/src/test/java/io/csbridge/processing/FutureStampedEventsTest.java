package io.csbridge.processing;

import io.csbridge.domain.scoring.ActivityScorer;
import io.csbridge.inbox.Inbox;
import io.csbridge.store.Database;
import io.csbridge.store.account.ScoreBook;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.testing.MutableClock;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.csbridge.processing.PipelineTest.NOW;
import static io.csbridge.processing.PipelineTest.usage;
import static org.assertj.core.api.Assertions.assertThat;

/** Issue 12 item 7: an event stamped ahead of now (up to 5 minutes is accepted) is scored when it comes due. */
class FutureStampedEventsTest {

    final MutableClock clock = new MutableClock(NOW);
    final Database db = TestDatabase.fresh();
    final EventProcessor processor = new EventProcessor(db, ActivityScorer::new, List::of, clock, 50);

    @Test
    void aFutureStampedEventIsScoredWhenItComesDueWithoutAnotherEvent() {
        try (Inbox inbox = new Inbox(new InboxStore(db), clock, Thread::new, () -> { })) {
            inbox.accept(List.of(usage("m-1", "acme", NOW.minus(Duration.ofDays(2))), usage("m-2", "acme", NOW.minus(Duration.ofDays(1))),
                    usage("m-3", "acme", NOW.plus(Duration.ofMinutes(3)))));
        }
        assertThat(processor.processBatch()).isEqualTo(3);
        assertThat(health()).as("two active days: the third is not yet").isEqualTo(10);
        assertThat(processor.rescoreDue()).as("not due yet").isZero();

        clock.advance(Duration.ofMinutes(3));
        assertThat(processor.rescoreDue()).isEqualTo(1);
        assertThat(health()).as("its day now counts").isEqualTo(15);
        assertThat(processor.rescoreDue()).as("rescored once").isZero();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM rescore_due")).isZero();
    }

    private int health() {
        return db.inTransaction(c -> new ScoreBook().latest(c, "acme").orElseThrow().healthScore());
    }
}
