package io.csbridge.outbox;

import io.csbridge.store.pipeline.OutboxPendingWrites;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.OutboxStore;
import io.csbridge.testing.TestDatabase;

import io.csbridge.outbox.OutboxDeliveryTest.Batches;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery workers on real threads: one per channel. */
class OutboxWorkersTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Database db = TestDatabase.fresh();
    final OutboxStore store = new OutboxStore(db.dialect());
    final Stalled zendesk = new Stalled("zendesk", 1000);
    final Signalling salesforce = new Signalling("salesforce", 200);
    OutboxWorkers workers;

    @AfterEach
    void stop() {
        zendesk.release.countDown();
        if (workers != null) {
            workers.stop();
            workers.join(10_000);
        }
    }

    @Test
    void aSlowChannelDoesNotDelayAnothersWrites() throws InterruptedException {
        start(List.of(zendesk, salesforce));
        queue("zendesk", "acme");
        workers.nudge();
        assertThat(zendesk.entered.await(30, TimeUnit.SECONDS)).as("Zendesk delivery started").isTrue();

        queue("salesforce", "acme");
        workers.nudge();
        assertThat(salesforce.delivered.await(30, TimeUnit.SECONDS))
                .as("Salesforce written while Zendesk is still busy").isTrue();
        assertThat(zendesk.release.getCount()).as("Zendesk still busy").isOne();
        assertThat(salesforce.sizes).containsExactly(1);
    }

    private void start(List<DeliveryChannel> channels) {
        OutboxDelivery delivery = new OutboxDelivery(new OutboxPendingWrites(db), () -> channels, RetryPolicy.standard(), clock, 200);
        workers = new OutboxWorkers(delivery, channels, name -> Linger.NONE, ScoringProgress.IDLE, clock, 50);
        workers.start(Thread::new);
    }

    private void queue(String channel, String account) {
        db.inTransaction(c -> store.enqueueIfChanged(c, channel, account, "1", Map.of("score", 1), NOW));
    }

    /** A vendor that takes its time: the delivery waits until the test releases it. */
    static final class Stalled extends Batches {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        Stalled(String name, int max) {
            super(name, max);
        }

        @Override
        public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.deliver(writes);
        }
    }

    /** A vendor that says when it has been written to. */
    static final class Signalling extends Batches {
        final CountDownLatch delivered = new CountDownLatch(1);

        Signalling(String name, int max) {
            super(name, max);
        }

        @Override
        public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
            List<DeliveryOutcome> out = super.deliver(writes);
            delivered.countDown();
            return out;
        }
    }
}
