package io.csbridge.processing;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.scoring.AccountScorer;
import io.csbridge.domain.scoring.ActivityScorer;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.outbox.RetryPolicy;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.store.pipeline.ParkedEvents;
import io.csbridge.testing.FaultyDataSource;
import io.csbridge.testing.MutableClock;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults injected into the processor: a database that fails statements with each transient SQL state
 * (PostgreSQL's classes 08, 40, 53, 55, 57 and H2's equivalents), and a scorer that throws. While a fault
 * is transient nothing acknowledged ends FAILED; a permanent fault parks the event only after its
 * attempts, with an operator notice, and a parked event can be put back.
 */
class FaultInjectionTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final MutableClock clock = new MutableClock(NOW);
    final Database real = TestDatabase.fresh();
    final FaultyDataSource faulty = new FaultyDataSource(real.dataSource());
    final Database db = new Database(faulty);
    final Inbox inbox = new Inbox(new InboxStore(real), clock, Thread::new, () -> { });
    int accepted;

    @AfterEach
    void close() {
        inbox.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"08006", "53100", "53300", "55P03", "57014", "57P01", "40001", "HYT00",
            "90067", "90098", "90108", "90131"})
    void nothingAcknowledgedEndsFailedWhileTheFaultIsTransient(String sqlState) {
        // One attempt only: any failure not classed transient would park its event at once.
        EventProcessor processor = new EventProcessor(db, ActivityScorer::new, List::of, clock, 5, null,
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), 1, () -> 0.5));
        // The fault strikes at a different statement each round, several statements in a row or apart (a
        // claim, an insert, a rescore, in the batch and in the event-by-event retry, the recording of a failure).
        for (int period : new int[] {1, 3, 7}) {
            for (int strikeAt = 0; strikeAt < 8; strikeAt += 4) {
                acceptEvents(4);
                faulty.failEvery(strikeAt, period, 5, sqlState);
                drain(processor);
            }
        }
        assertThat(faulty.failures()).isGreaterThan(0);
        assertThat(count("status = 'FAILED'")).isZero();
        assertThat(count("status = 'DONE'")).isEqualTo(accepted);
        assertThat(TestDatabase.count(real, "SELECT COUNT(*) FROM signal")).isEqualTo(accepted);
    }

    @Test
    void aScorerThatThrowsForAWhileParksNothing() {
        AtomicInteger throwsLeft = new AtomicInteger(8);
        AccountScorer flaky = new AccountScorer() {
            final ActivityScorer scorer = new ActivityScorer();

            public AccountScore score(AccountHistory history, Instant asOf) {
                if (throwsLeft.getAndDecrement() > 0) throw new IllegalStateException("the model is being replaced");
                return scorer.score(history, asOf);
            }
        };
        EventProcessor processor = new EventProcessor(db, () -> flaky, List::of, clock, 5, null,
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), 4, () -> 0.5));
        acceptEvents(12);
        drain(processor);
        assertThat(count("status = 'FAILED'")).isZero();
        assertThat(count("status = 'DONE'")).isEqualTo(12);
        assertThat(TestDatabase.count(real, "SELECT COUNT(*) FROM inbox_event WHERE attempts > 1")).isGreaterThan(0);
    }

    @Test
    void aPermanentFaultParksTheEventAfterItsAttemptsWithANoticeAndItCanBeRetried() {
        boolean[] broken = {true};
        AccountScorer poisoned = new AccountScorer() {
            final ActivityScorer scorer = new ActivityScorer();

            public AccountScore score(AccountHistory history, Instant asOf) {
                if (broken[0] && history.signals().stream().anyMatch(s -> s.name().equals("poison"))) {
                    throw new IllegalArgumentException("the model cannot score this account");
                }
                return scorer.score(history, asOf);
            }
        };
        EventProcessor processor = new EventProcessor(db, () -> poisoned, List::of, clock, 5, null,
                new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), 4, () -> 0.5));
        acceptEvents(9);
        inbox.accept(List.of(event("bad-1", "poisoned", "poison")));
        accepted++;

        processor.processBatch();
        assertThat(count("status = 'FAILED'")).as("not parked at the first failure").isZero();
        drain(processor);

        assertThat(count("status = 'DONE'")).isEqualTo(9);
        List<ParkedEvents.ParkedEvent> parked = new ParkedEvents(real).list(10, 0);
        assertThat(parked).hasSize(1);
        assertThat(parked.get(0).dedupeKey()).isEqualTo("bad-1");
        assertThat(parked.get(0).source()).isEqualTo("usage");
        assertThat(parked.get(0).attempts()).isEqualTo(4);
        assertThat(parked.get(0).error()).contains("cannot score this account");
        assertThat(TestDatabase.count(real, "SELECT COUNT(*) FROM outbox WHERE channel = 'slack' "
                + "AND dedupe_key LIKE 'notice:PIPELINE_EVENT_PARKED:%'")).isEqualTo(1);

        broken[0] = false;
        assertThat(new ParkedEvents(real).retry(parked.get(0).id())).isTrue();
        assertThat(new ParkedEvents(real).retry(parked.get(0).id())).as("no longer parked").isFalse();
        drain(processor);
        assertThat(count("status = 'DONE'")).isEqualTo(10);
        assertThat(new ParkedEvents(real).count()).isZero();
    }

    /** Runs the processor as its worker would (a failure is retried later) until nothing is waiting. */
    private void drain(EventProcessor processor) {
        for (int round = 0; round < 200 && count("status = 'NEW'") > 0; round++) {
            try {
                processor.processBatch();
            } catch (RuntimeException e) {
                // The worker backs off and tries again.
            }
            clock.advance(Duration.ofMinutes(15));
        }
        assertThat(count("status = 'NEW'")).as("nothing left waiting").isZero();
    }

    private void acceptEvents(int n) {
        List<InboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(event("m-" + accepted, "acct-" + (accepted % 3), "Report Viewed"));
            accepted++;
        }
        inbox.accept(entries);
    }

    private InboxEntry event(String messageId, String account, String name) {
        Instant at = clock.instant().minus(Duration.ofHours(1));
        Signal s = new Signal(AccountKey.product(account), SignalKind.PRODUCT_EVENT, at, name, "u-1", Double.NaN, Map.of());
        return new InboxEntry("usage", messageId, at, "{}", List.of(s));
    }

    private long count(String condition) {
        return TestDatabase.count(real, "SELECT COUNT(*) FROM inbox_event WHERE " + condition);
    }
}
