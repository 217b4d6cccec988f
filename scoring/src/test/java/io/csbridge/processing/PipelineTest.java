package io.csbridge.processing;

import io.csbridge.store.pipeline.OutboxPendingWrites;
import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.OutboxDelivery;
import io.csbridge.outbox.RetryPolicy;
import io.csbridge.outbox.VendorCall;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.testing.TestDatabase;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.scoring.ActivityScorer;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.AfterEach;
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
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PipelineTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final Database db = TestDatabase.fresh();
    final RecordingChannel salesforce = new RecordingChannel();
    final Inbox inbox = new Inbox(new InboxStore(db), clock, Thread::new, () -> { });
    final EventProcessor processor = new EventProcessor(db, ActivityScorer::new, () -> List.of(salesforce), clock, 50);

    @AfterEach
    void close() {
        inbox.close();
    }

    @Test
    void aRepeatedDeliveryIsStoredOnce() {
        InboxEntry e = usage("m-1", "acme", NOW.minus(Duration.ofDays(1)));
        assertThat(inbox.accept(List.of(e))).isEqualTo(new Inbox.Accepted(1, 0));
        assertThat(inbox.accept(List.of(e, usage("m-2", "acme", NOW)))).isEqualTo(new Inbox.Accepted(1, 1));
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event")).isEqualTo(2);
    }

    @Test
    void processingAnEventAppliesItsEffectsOnceAndQueuesOneWrite() {
        inbox.accept(List.of(traits("g-1", "acme", "Acme Inc", "001A"), usage("m-1", "acme", NOW.minus(Duration.ofDays(2)))));
        assertThat(processor.processBatch()).isEqualTo(2);
        assertThat(processor.processBatch()).isZero();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM signal")).isEqualTo(2);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE channel = 'salesforce'")).isEqualTo(1);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM account")).isEqualTo(1);
    }

    @Test
    void anUnchangedScoreQueuesNoSecondWrite() {
        inbox.accept(List.of(traits("g-1", "acme", "Acme", "001A"), usage("m-1", "acme", NOW.minus(Duration.ofDays(2)))));
        processor.processBatch();
        // Same day again: activity days unchanged, so the written values are unchanged.
        inbox.accept(List.of(usage("m-2", "acme", NOW.minus(Duration.ofDays(2)).plusSeconds(60))));
        processor.processBatch();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox")).isEqualTo(1);
    }

    @Test
    void scoresAreTheSameWhenEventsArriveOutOfOrder() {
        List<InboxEntry> events = new ArrayList<>();
        events.add(traits("g-1", "acme", "Acme", "001A"));
        for (int i = 0; i < 40; i++) events.add(usage("m-" + i, "acme", NOW.minus(Duration.ofHours(17L * i))));
        Database other = TestDatabase.fresh();
        Inbox otherInbox = new Inbox(new InboxStore(other), clock, Thread::new, () -> { });
        EventProcessor otherProcessor = new EventProcessor(other, ActivityScorer::new, List::of, clock, 7);
        List<InboxEntry> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, new Random(42));
        inbox.accept(events);
        for (InboxEntry e : shuffled) otherInbox.accept(List.of(e));
        while (processor.processBatch() > 0) { }
        while (otherProcessor.processBatch() > 0) { }
        otherInbox.close();
        String sql = "SELECT health_score * 1000 + churn_risk FROM account_score";
        assertThat(TestDatabase.count(other, sql)).isEqualTo(TestDatabase.count(db, sql));
    }

    @Test
    void aUserEventWaitsUntilAGroupCallTiesTheUserToAnAccount() {
        Signal track = new Signal(AccountKey.productUser("u-9"), SignalKind.PRODUCT_EVENT, NOW.minusSeconds(3600),
                "Report Viewed", "u-9", Double.NaN, Map.of());
        inbox.accept(List.of(new InboxEntry("usage", "m-u", track.occurredAt(), "{}", List.of(track))));
        processor.processBatch();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM unmatched_signal")).isEqualTo(1);
        Signal group = new Signal(AccountKey.product("acme"), SignalKind.ACCOUNT_TRAITS, NOW.minusSeconds(7200),
                "group", "u-9", Double.NaN, Map.of("name", "Acme"));
        inbox.accept(List.of(new InboxEntry("usage", "m-g", group.occurredAt(), "{}", List.of(group))));
        processor.processBatch();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM unmatched_signal")).isZero();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM signal WHERE account_id = 'acme'")).isEqualTo(2);
    }

    @Test
    void aStaleNameNeverOverwritesANewerOne() {
        inbox.accept(List.of(traitsAt("g-new", "acme", "New Name", NOW.minusSeconds(10))));
        processor.processBatch();
        inbox.accept(List.of(traitsAt("g-old", "acme", "Old Name", NOW.minusSeconds(1000))));
        processor.processBatch();
        String name = db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT name FROM account WHERE id = 'acme'"); var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(name).isEqualTo("New Name");
    }

    @Test
    void sandboxDeliveryRecordsTheCallItWouldHaveMade() {
        inbox.accept(List.of(traits("g-1", "acme", "Acme", "001A"), usage("m-1", "acme", NOW.minusSeconds(60))));
        processor.processBatch();
        OutboxDelivery delivery = new OutboxDelivery(new OutboxPendingWrites(db), () -> List.of(salesforce), RetryPolicy.standard(), clock, 100);
        assertThat(delivery.deliverDue()).isEqualTo(1);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM sandbox_call")).isEqualTo(1);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'DELIVERED'")).isEqualTo(1);
        assertThat(delivery.deliverDue()).isZero();
    }

    @Test
    void aFailingVendorDelaysTheWriteAndNeverDropsIt() {
        inbox.accept(List.of(traits("g-1", "acme", "Acme", "001A"), usage("m-1", "acme", NOW.minusSeconds(60))));
        processor.processBatch();
        salesforce.live = true;
        salesforce.down = true;
        OutboxDelivery delivery = new OutboxDelivery(new OutboxPendingWrites(db), () -> List.of(salesforce), RetryPolicy.standard(), clock, 100);
        assertThat(delivery.deliverDue()).isEqualTo(1);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'PENDING' AND attempts = 1")).isEqualTo(1);
        Clock later = Clock.fixed(NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC);
        salesforce.down = false;
        new OutboxDelivery(new OutboxPendingWrites(db), () -> List.of(salesforce), RetryPolicy.standard(), later, 100).deliverDue();
        assertThat(salesforce.delivered).hasSize(1);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'DELIVERED'")).isEqualTo(1);
    }

    static InboxEntry usage(String messageId, String group, Instant at) {
        Signal s = new Signal(AccountKey.product(group), SignalKind.PRODUCT_EVENT, at, "Report Viewed", "u-1", Double.NaN, Map.of());
        return new InboxEntry("usage", messageId, at, "{}", List.of(s));
    }

    static InboxEntry traits(String messageId, String group, String name, String salesforceId) {
        Signal s = new Signal(AccountKey.product(group), SignalKind.ACCOUNT_TRAITS, NOW.minus(Duration.ofDays(40)), "group", "",
                Double.NaN, Map.of("name", name, "salesforceAccountId", salesforceId));
        return new InboxEntry("usage", messageId, s.occurredAt(), "{}", List.of(s));
    }

    static InboxEntry traitsAt(String messageId, String group, String name, Instant at) {
        Signal s = new Signal(AccountKey.product(group), SignalKind.ACCOUNT_TRAITS, at, "group", "", Double.NaN, Map.of("name", name));
        return new InboxEntry("usage", messageId, at, "{}", List.of(s));
    }

    /** A channel double standing in for a vendor connector. */
    static final class RecordingChannel implements DeliveryChannel {
        boolean live;
        boolean down;
        final List<OutboundWrite> delivered = new ArrayList<>();

        public String name() { return "salesforce"; }
        public boolean live() { return live; }
        public Optional<String> target(AccountKeys keys) {
            return keys.keys().stream().filter(k -> k.kind() == AccountKey.KeyKind.SALESFORCE).map(AccountKey::value).findFirst();
        }
        public Map<String, Object> fields(AccountScore score) {
            return Map.of("CS_Health_Score__c", score.healthScore(), "CS_Health_Band__c", score.band().label());
        }
        public int maxBatch() { return 200; }
        public List<VendorCall> preview(List<OutboundWrite> writes) {
            return List.of(new VendorCall("PATCH", "/services/data/v66.0/composite/sobjects", "{\"records\":" + writes.size() + "}"));
        }
        public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
            List<DeliveryOutcome> out = new ArrayList<>();
            for (OutboundWrite w : writes) {
                if (down) out.add(DeliveryOutcome.retry(w.outboxId(), "503 Service Unavailable", Duration.ofSeconds(30)));
                else { delivered.add(w); out.add(DeliveryOutcome.delivered(w.outboxId())); }
            }
            return out;
        }
    }
}
