package io.csbridge.outbox;

import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.OutboxPendingWrites;
import io.csbridge.store.pipeline.OutboxStore;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: each outbox write has its effect at the vendor once, whatever the nodes' clocks, however slow
 * the vendor, and even when a worker dies between the vendor call and recording its outcome.
 */
class OutboxExactlyOnceTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final Duration LEASE = Duration.ofMillis(300);
    final Database db = TestDatabase.fresh();
    final OutboxStore store = new OutboxStore(db.dialect());
    final PendingWrites pending = new OutboxPendingWrites(db);

    @Test
    void twoWorkersWithClocksMinutesApartAndAVendorSlowerThanTheLeaseSendEachWriteOnce() throws Exception {
        queue(3);
        Vendor vendor = new Vendor(Duration.ofMillis(1200)); // four leases long
        OutboxDelivery early = delivery(pending, vendor, Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC));
        OutboxDelivery late = delivery(pending, vendor, Clock.fixed(NOW.plus(Duration.ofMinutes(7)), ZoneOffset.UTC));

        Thread first = new Thread(() -> early.deliver(vendor));
        first.start();
        while (vendor.calls.isEmpty()) Thread.sleep(5);
        long until = System.nanoTime() + Duration.ofMillis(1600).toNanos();
        while (System.nanoTime() < until) {
            late.deliver(vendor);
            Thread.sleep(20);
        }
        first.join();

        assertThat(vendor.calls).hasSize(3).doesNotHaveDuplicates();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'DELIVERED'")).isEqualTo(3);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE attempts = 1")).isEqualTo(3);
    }

    @Test
    void aWorkerWhoseLeaseRanOutCannotOverwriteTheNewHoldersOutcome() throws Exception {
        queue(1);
        OutboundWrite stale = pending.claimDue("vendor", NOW, 10, LEASE).get(0);
        assertThat(pending.claimDue("vendor", NOW.plus(Duration.ofHours(1)), 10, LEASE)).as("held by the lease").isEmpty();
        Thread.sleep(LEASE.toMillis() + 100);
        OutboundWrite fresh = pending.claimDue("vendor", NOW, 10, LEASE).get(0);
        assertThat(fresh.claim()).isNotEqualTo(stale.claim());
        assertThat(fresh.key()).isEqualTo(stale.key());
        assertThat(fresh.attempt()).isEqualTo(2);

        assertThat(pending.settle(List.of(Settlement.delivered(fresh)), NOW)).isEmpty();
        assertThat(pending.renew(List.of(stale), LEASE)).containsExactly(stale.outboxId());
        assertThat(pending.settle(List.of(Settlement.retryAt(stale, NOW, "timed out")), NOW)).containsExactly(stale.outboxId());
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'DELIVERED' AND last_error IS NULL"))
                .isEqualTo(1);
    }

    @Test
    void aCrashBetweenTheVendorCallAndTheSettlementRepeatsTheCallWithTheSameKeyAndNoSecondEffect() throws Exception {
        queue(2);
        Vendor vendor = new Vendor(Duration.ZERO);
        AtomicBoolean crashed = new AtomicBoolean();
        PendingWrites dying = new Delegate(pending) {
            @Override
            public List<Long> settle(List<Settlement> settlements, Instant now) {
                crashed.set(true);
                throw new IllegalStateException("kill -9 before the outcome was recorded");
            }
        };
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try {
            delivery(dying, vendor, clock).deliver(vendor);
        } catch (IllegalStateException expected) {
            // the worker is gone
        }
        assertThat(crashed).isTrue();
        assertThat(delivery(pending, vendor, clock).deliver(vendor)).as("still held by the dead worker's lease").isZero();

        Thread.sleep(LEASE.toMillis() + 100);
        assertThat(delivery(pending, vendor, clock).deliver(vendor)).isEqualTo(2);

        assertThat(vendor.calls).hasSize(4);
        assertThat(vendor.effects).hasSize(2).allSatisfy((key, count) -> assertThat(count).isOne());
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'DELIVERED' AND attempts = 2"))
                .isEqualTo(2);
    }

    private OutboxDelivery delivery(PendingWrites writes, DeliveryChannel channel, Clock clock) {
        return new OutboxDelivery(writes, () -> List.of(channel), RetryPolicy.standard(), clock, 200, LEASE,
                Executors.defaultThreadFactory());
    }

    private void queue(int n) {
        db.inTransaction(c -> {
            for (int i = 0; i < n; i++) {
                store.enqueue(c, "vendor", "acct-" + i, "t" + i, Map.of("type", "alert", "n", i), NOW, "alert:" + i);
            }
            return null;
        });
    }

    /** A fake vendor that takes {@code slowness} a call, and has an effect once per idempotency key. */
    static final class Vendor implements DeliveryChannel {
        final Duration slowness;
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Integer> effects = new ConcurrentHashMap<>();

        Vendor(Duration slowness) {
            this.slowness = slowness;
        }

        public String name() { return "vendor"; }
        public boolean live() { return true; }
        public Optional<String> target(AccountKeys keys) { return Optional.empty(); }
        public Map<String, Object> fields(AccountScore score) { return Map.of(); }
        public int maxBatch() { return 20; }
        public List<VendorCall> preview(List<OutboundWrite> writes) { return List.of(); }

        public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
            try {
                Thread.sleep(slowness.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<DeliveryOutcome> out = new ArrayList<>();
            for (OutboundWrite w : writes) {
                calls.add(w.key());
                effects.putIfAbsent(w.key(), 1); // upsert on the key: a second call finds the first one's effect
                out.add(DeliveryOutcome.delivered(w.outboxId()));
            }
            return out;
        }
    }

    /** The real outbox table, with one step replaced. */
    static class Delegate implements PendingWrites {
        final PendingWrites real;

        Delegate(PendingWrites real) {
            this.real = real;
        }

        public List<OutboundWrite> claimDue(String channel, Instant now, int limit, Duration lease) {
            return real.claimDue(channel, now, limit, lease);
        }

        public Map<String, List<OutboundWrite>> claimDueExcept(List<String> channels, Instant now, int limit, Duration lease) {
            return real.claimDueExcept(channels, now, limit, lease);
        }

        public int countDue(String channel, Instant now, int upTo) {
            return real.countDue(channel, now, upTo);
        }

        public List<Long> renew(List<OutboundWrite> writes, Duration lease) {
            return real.renew(writes, lease);
        }

        public void recordSandbox(String channel, List<OutboundWrite> batch, List<VendorCall> calls, Instant now) {
            real.recordSandbox(channel, batch, calls, now);
        }

        public List<Long> settle(List<Settlement> settlements, Instant now) {
            return real.settle(settlements, now);
        }
    }
}
