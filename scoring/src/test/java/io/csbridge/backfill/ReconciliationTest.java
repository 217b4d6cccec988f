package io.csbridge.backfill;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.Database;
import io.csbridge.store.backfill.ReadCursorStore;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.testing.MutableClock;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads checkpointed in {@code read_cursor} (H2), committed through the real inbox, and the reconciliation's lease. */
class ReconciliationTest {

    final Database db = TestDatabase.fresh();
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    final Inbox inbox = new Inbox(new InboxStore(db), clock, Thread::new, () -> { });
    final ReadCursorStore positions = new ReadCursorStore(db);

    @AfterEach
    void close() {
        inbox.close();
    }

    /** A vendor of {@code records} records, two a page, positions being the index after each page. */
    static final class TwoAPage implements VendorReader {
        final List<Optional<String>> asked = new ArrayList<>();
        int records;
        int failAfterPages = -1;

        TwoAPage(int records) {
            this.records = records;
        }

        @Override
        public String source() {
            return "test";
        }

        @Override
        public boolean live() {
            return true;
        }

        @Override
        public void read(Instant since, Optional<String> from, Pages pages) throws Unavailable {
            asked.add(from);
            int at = from.map(Integer::parseInt).orElse(0);
            int handed = 0;
            while (at < records) {
                if (handed == failAfterPages) throw new Unavailable("vendor gone");
                List<InboxEntry> page = new ArrayList<>();
                for (int i = at; i < Math.min(records, at + 2); i++) page.add(entry(i));
                at += page.size();
                handed++;
                if (!pages.page(page, 0, String.valueOf(at))) return;
            }
        }

        static InboxEntry entry(int i) {
            Instant t = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
            return new InboxEntry("test", "record-" + i, t, "{}", List.of(new Signal(AccountKey.salesforce("001T" + i),
                    SignalKind.ACCOUNT_TRAITS, t, "account", "", Double.NaN, Map.of("name", "Customer " + i))));
        }
    }

    @Test
    void aRunCommitsEachPageThenSavesItsPositionAndAResumedRunCountsNothingTwice() throws Exception {
        TwoAPage vendor = new TwoAPage(5);
        vendor.failAfterPages = 2;
        ReadRun first = new ReadRun(vendor, positions, inbox, "backfill:test:1");
        try {
            first.run(Instant.EPOCH, () -> false);
        } catch (VendorReader.Unavailable expected) {
            // the vendor went away after two pages
        }
        assertThat(positions.position("backfill:test:1")).contains("4");
        assertThat(positions.processed("backfill:test:1")).isEqualTo(4);

        // The position is saved after the commit: say the node died between the two for the second page.
        positions.save("backfill:test:1", "2", -2);
        vendor.failAfterPages = -1;
        ReadRun resumed = new ReadRun(vendor, positions, inbox, "backfill:test:1");
        assertThat(resumed.run(Instant.EPOCH, () -> false)).isTrue();

        assertThat(vendor.asked).containsExactly(Optional.empty(), Optional.of("2"));
        assertThat(resumed.read()).isEqualTo(5);
        assertThat(resumed.fresh()).as("the re-read page was in the inbox already").isEqualTo(1);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event WHERE source = 'test'")).isEqualTo(5);
    }

    @Test
    void aVendorThatCannotBeReadDelaysTheRunWithLongerWaitsAndItReadsOnToTheEndCountingEachRecordOnce() throws Exception {
        TwoAPage vendor = new TwoAPage(5);
        vendor.failAfterPages = 1; // each read hands one page, then the vendor is unavailable (a reserve, a 503)
        List<Duration> waits = new ArrayList<>();
        ReadRun run = new ReadRun(vendor, positions, inbox, "backfill:test:3");
        boolean toTheEnd = run.runWaitingOut(Instant.EPOCH, () -> false, Duration.ofSeconds(10), (pause, why) -> {
            assertThat(why).hasMessage("vendor gone");
            waits.add(pause);
            return true;
        });
        assertThat(toTheEnd).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20));
        assertThat(vendor.asked).containsExactly(Optional.empty(), Optional.of("2"), Optional.of("4"));
        assertThat(run.read()).isEqualTo(5);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event WHERE source = 'test'")).isEqualTo(5);
    }

    @Test
    void aRunCancelledWhileItWaitsForTheVendorEndsNotReadToTheEnd() throws Exception {
        TwoAPage vendor = new TwoAPage(5);
        vendor.failAfterPages = 0;
        ReadRun run = new ReadRun(vendor, positions, inbox, "backfill:test:4");
        assertThat(run.runWaitingOut(Instant.EPOCH, () -> false, Duration.ofSeconds(10), (pause, why) -> false)).isFalse();
        assertThat(vendor.asked).hasSize(1);
        assertThat(run.read()).isZero();
    }

    @Test
    void aCancelledRunStopsAfterThePageItIsOn() throws Exception {
        ReadRun run = new ReadRun(new TwoAPage(10), positions, inbox, "backfill:test:2");
        assertThat(run.run(Instant.EPOCH, () -> true)).isFalse();
        assertThat(run.read()).isEqualTo(2);
        assertThat(positions.position("backfill:test:2")).contains("2");
    }

    @Test
    void reconciliationWaitsForABackfillsCursorThenReadsOnlyWhatCameAfterIt() {
        TwoAPage vendor = new TwoAPage(4);
        Reconciliation reconciliation = new Reconciliation(vendor, positions, inbox, clock, Duration.ofMinutes(15), "node-a");
        assertThat(reconciliation.runIfDue()).as("no backfill has left a cursor yet").isZero();
        assertThat(vendor.asked).isEmpty();

        positions.save("reconcile:test", "4", 0);
        clock.advance(Duration.ofMinutes(15));
        assertThat(reconciliation.runIfDue()).as("nothing changed").isZero();
        vendor.records = 6;
        assertThat(reconciliation.runIfDue()).as("not due again within the period").isZero();
        clock.advance(Duration.ofMinutes(15));
        assertThat(reconciliation.runIfDue()).isEqualTo(2);
        assertThat(vendor.asked).containsExactly(Optional.of("4"), Optional.of("4"));
        assertThat(positions.position("reconcile:test")).contains("6");
    }

    @Test
    void oneNodeAtATimeHoldsTheReconciliationLease() {
        assertThat(positions.lease("reconcile:test", "node-a", Duration.ofMinutes(20))).isTrue();
        assertThat(positions.lease("reconcile:test", "node-b", Duration.ofMinutes(20))).isFalse();
        TwoAPage vendor = new TwoAPage(2);
        positions.save("reconcile:test", "0", 0);
        assertThat(new Reconciliation(vendor, positions, inbox, clock, Duration.ofMinutes(15), "node-b").runIfDue()).isZero();
        assertThat(vendor.asked).isEmpty();
        positions.release("reconcile:test", "node-a");
        assertThat(new Reconciliation(vendor, positions, inbox, clock, Duration.ofMinutes(15), "node-b").runIfDue()).isEqualTo(2);
    }
}
