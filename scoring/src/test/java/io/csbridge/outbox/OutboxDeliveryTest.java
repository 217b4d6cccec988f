package io.csbridge.outbox;

import io.csbridge.store.pipeline.OutboxPendingWrites;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.OutboxStore;
import io.csbridge.testing.TestDatabase;

import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.score.AccountScore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxDeliveryTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Database db = TestDatabase.fresh();
    final OutboxStore store = new OutboxStore(db.dialect());

    @Test
    void eachChannelClaimsWhatOneDeliveryCallTakes() {
        Batches zendesk = new Batches("zendesk", 1000);
        Batches salesforce = new Batches("salesforce", 200);
        queue("zendesk", 1000);
        queue("salesforce", 450);
        OutboxDelivery delivery = new OutboxDelivery(new OutboxPendingWrites(db), () -> List.of(salesforce, zendesk), RetryPolicy.standard(), clock, 200);
        while (delivery.deliverDue() > 0) { }
        assertThat(zendesk.sizes).containsExactly(1000);
        assertThat(salesforce.sizes).containsExactly(200, 200, 50);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'DELIVERED'")).isEqualTo(1450);
    }

    @Test
    void eventWritesAreQueuedOneRowEachAndOncePerDedupeKey() {
        db.inTransaction(c -> {
            assertThat(store.enqueue(c, "slack", "acme", "alert:1", Map.of("type", "alert", "alertId", "1"), NOW, "alert:1")).isTrue();
            assertThat(store.enqueue(c, "slack", "acme", "alert:2", Map.of("type", "alert", "alertId", "2"), NOW, "alert:2")).isTrue();
            assertThat(store.enqueue(c, "slack", "acme", "alert:1", Map.of("type", "alert", "alertId", "1"), NOW, "alert:1")).isFalse();
            assertThat(store.enqueue(c, "slack", "acme", "ts", Map.of("type", "action"), NOW, null)).isTrue();
            assertThat(store.enqueue(c, "slack", "acme", "ts", Map.of("type", "action"), NOW, null)).isTrue();
            return null;
        });
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE channel = 'slack'")).isEqualTo(4);
    }

    @Test
    void writesForAChannelNoConnectorServesWaitAndAreNotLost() {
        queue("pagerduty", 3);
        OutboxDelivery delivery = new OutboxDelivery(new OutboxPendingWrites(db), List::of, RetryPolicy.standard(), clock, 200);
        assertThat(delivery.deliverDue()).isEqualTo(3);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' AND last_error LIKE "
                + "'no connector named%'")).isEqualTo(3);
    }

    private void queue(String channel, int n) {
        db.inTransaction(c -> {
            for (int i = 0; i < n; i++) store.enqueue(c, channel, "a" + i, String.valueOf(i), Map.of("v", i), NOW, null);
            return null;
        });
    }

    /** A live channel that records the size of every delivery call. */
    static class Batches implements DeliveryChannel {
        final String name;
        final int max;
        final List<Integer> sizes = new ArrayList<>();

        Batches(String name, int max) {
            this.name = name;
            this.max = max;
        }

        public String name() { return name; }
        public boolean live() { return true; }
        public Optional<String> target(AccountKeys keys) { return Optional.empty(); }
        public Map<String, Object> fields(AccountScore score) { return Map.of(); }
        public int maxBatch() { return max; }
        public List<VendorCall> preview(List<OutboundWrite> writes) { return List.of(); }
        public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
            sizes.add(writes.size());
            return writes.stream().map(w -> DeliveryOutcome.delivered(w.outboxId())).toList();
        }
    }
}
