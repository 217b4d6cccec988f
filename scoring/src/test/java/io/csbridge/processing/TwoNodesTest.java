package io.csbridge.processing;

import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.testing.TestDatabase;

import io.csbridge.domain.scoring.ActivityScorer;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Two processors on one database, as two WildFly nodes would run them. */
class TwoNodesTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void twoProcessorsOnOneDatabaseApplyEveryEventExactlyOnce() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Database db = TestDatabase.fresh();
        List<InboxEntry> events = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            events.add(PipelineTest.usage("m-" + i, "account-" + (i % 7), NOW.minus(Duration.ofMinutes(i))));
        }
        try (Inbox inbox = new Inbox(new InboxStore(db), clock, Thread::new, () -> { })) {
            inbox.accept(events);
        }
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        List<Future<Integer>> processed = new ArrayList<>();
        for (int node = 0; node < 2; node++) {
            EventProcessor processor = new EventProcessor(db, ActivityScorer::new, List::of, clock, 25);
            processed.add(nodes.submit(() -> {
                int total = 0;
                // A node that finds every remaining row locked by the other sees 0 and looks again.
                while (TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event WHERE status = 'NEW'") > 0) {
                    total += processor.processBatch();
                }
                return total;
            }));
        }
        int total = processed.get(0).get(60, TimeUnit.SECONDS) + processed.get(1).get(60, TimeUnit.SECONDS);
        nodes.shutdown();

        assertThat(total).isEqualTo(600);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM signal")).isEqualTo(600);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event WHERE status = 'DONE'")).isEqualTo(600);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM account")).isEqualTo(7);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM account_score")).isEqualTo(7);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event WHERE status = 'FAILED'")).isZero();
    }
}
