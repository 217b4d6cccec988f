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

    private static InboxEntry entry(String id) {
        Signal s = new Signal(AccountKey.product("acme"), SignalKind.PRODUCT_EVENT, NOW, "Report Viewed", "u-1",
                Double.NaN, Map.of());
        return new InboxEntry("usage", id, NOW, "{}", List.of(s));
    }
}
