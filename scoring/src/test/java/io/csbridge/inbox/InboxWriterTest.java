package io.csbridge.inbox;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.testing.TestDatabase;
import io.csbridge.worker.WorkerHealth;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inbox writer survives an {@code Error} in a commit and keeps accepting. */
class InboxWriterTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void anErrorInACommitFailsThatDeliveryOnlyAndTheWriterKeepsRunning() {
        InboxStore store = new InboxStore(TestDatabase.fresh());
        AtomicInteger commits = new AtomicInteger();
        InboxRows failingOnce = (groups, clock) -> {
            if (commits.incrementAndGet() == 1) throw new OutOfMemoryError("a burst");
            return store.insertTogether(groups, clock);
        };
        try (Inbox inbox = new Inbox(failingOnce, Clock.fixed(NOW, ZoneOffset.UTC), Thread::new, () -> {
            if (commits.get() == 2) throw new AssertionError("a listener bug");
        })) {
            assertThatThrownBy(() -> inbox.accept(List.of(entry("m-1")))).isInstanceOf(Inbox.InboxUnavailableException.class);
            assertThat(inbox.accept(List.of(entry("m-2")))).isEqualTo(new Inbox.Accepted(1, 0));
            assertThat(inbox.accept(List.of(entry("m-3")))).isEqualTo(new Inbox.Accepted(1, 0));
            assertThat(inbox.health().state()).isEqualTo(WorkerHealth.State.ALIVE);
        }
    }

    /** Issue 12 item 7: the queue in front of the writer is bounded; a delivery beyond it is refused at once, nothing stored. */
    @Test
    void aFullQueueRefusesAtOnceAndAcknowledgesNothingItDidNotStore() throws Exception {
        InboxStore store = new InboxStore(TestDatabase.fresh());
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch writing = new java.util.concurrent.CountDownLatch(1);
        InboxRows slow = (groups, clock) -> {
            writing.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return store.insertTogether(groups, clock);
        };
        var senders = java.util.concurrent.Executors.newFixedThreadPool(2);
        try (Inbox inbox = new Inbox(slow, Clock.fixed(NOW, ZoneOffset.UTC), Thread::new, () -> { }, 3)) {
            var first = senders.submit(() -> inbox.accept(List.of(entry("a-1")))); // taken by the writer, which blocks
            writing.await();
            var waiting = senders.submit(() -> inbox.accept(List.of(entry("b-1"), entry("b-2"), entry("b-3"))));
            while (inbox.queuedEntries() < 3) Thread.onSpinWait();
            assertThatThrownBy(() -> inbox.accept(List.of(entry("c-1"))))
                    .isInstanceOfSatisfying(Inbox.InboxFullException.class, e -> assertThat(e.retryAfterSeconds()).isPositive())
                    .hasMessageContaining("queue is full");
            release.countDown();
            assertThat(first.get()).isEqualTo(new Inbox.Accepted(1, 0));
            assertThat(waiting.get()).isEqualTo(new Inbox.Accepted(3, 0));
            assertThat(inbox.accept(List.of(entry("c-1")))).as("room again once the writer caught up").isEqualTo(new Inbox.Accepted(1, 0));
        } finally {
            senders.shutdownNow();
        }
    }

    private static InboxEntry entry(String id) {
        Signal s = new Signal(AccountKey.product("acme"), SignalKind.PRODUCT_EVENT, NOW, "Report Viewed", "u-1",
                Double.NaN, Map.of());
        return new InboxEntry("usage", id, NOW, "{}", List.of(s));
    }
}
