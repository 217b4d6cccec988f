package io.csbridge.outbox;

import io.csbridge.store.pipeline.OutboxPendingWrites;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.OutboxStore;
import io.csbridge.testing.MutableClock;
import io.csbridge.testing.TestDatabase;

import io.csbridge.outbox.OutboxDeliveryTest.Batches;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The linger decisions of one channel's delivery worker, on a real database and a clock moved by hand. */
class ChannelDeliveryTest {

    static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
    final MutableClock clock = new MutableClock(START);
    final Database db = TestDatabase.fresh();
    final OutboxStore store = new OutboxStore(db.dialect());
    final OutboxDelivery delivery = new OutboxDelivery(new OutboxPendingWrites(db), List::of, RetryPolicy.standard(), clock, 200);
    final Linger standard = Linger.forChannel("salesforce", Optional.empty(), name -> Optional.empty());
    ScoringProgress.State processor = ScoringProgress.State.CAUGHT_UP;
    boolean batchRunning;
    long batchesFinished;
    final ScoringProgress scoring = new ScoringProgress() {
        public State state() { return processor; }
        public boolean batchRunning() { return batchRunning; }
        public long batchesFinished() { return batchesFinished; }
    };

    @Test
    void aBurstOfAThousandChangedAccountsCostsFiveSalesforceCallsAndOneZendeskDelivery() {
        Batches salesforce = new Batches("salesforce", 200);
        Batches zendesk = new Batches("zendesk", 1000);
        // Scored in about two seconds, in processor batches of uneven size, the first one partial.
        burst(new int[]{100, 200, 200, 200, 200, 100}, Duration.ofMillis(400), salesforce, zendesk);

        assertThat(salesforce.sizes).containsExactly(200, 200, 200, 200, 200);
        assertThat(zendesk.sizes).containsExactly(1000);
    }

    @Test
    void aBurstScoredSlowlyByABusyServerStillCostsFiveSalesforceCallsAndOneZendeskDelivery() {
        Batches salesforce = new Batches("salesforce", 200);
        Batches zendesk = new Batches("zendesk", 1000);
        // Each batch takes 1.2 s, longer than the Salesforce linger; the burst takes 7 s, longer than Zendesk's.
        burst(new int[]{100, 200, 200, 200, 200, 100}, Duration.ofMillis(1200), salesforce, zendesk);

        assertThat(salesforce.sizes).containsExactly(200, 200, 200, 200, 200);
        assertThat(zendesk.sizes).containsExactly(1000);
    }

    /**
     * The processor scores {@code batches} back to back, each taking {@code each} and queueing one write per
     * channel and changed account at its commit; the workers look every 100 ms and at every commit.
     */
    private void burst(int[] batches, Duration each, Batches salesforce, Batches zendesk) {
        ChannelDelivery toSalesforce = worker(salesforce, standard);
        ChannelDelivery toZendesk = worker(zendesk, Linger.forChannel("zendesk", Optional.of(Duration.ofSeconds(3)), name -> Optional.empty()));
        processor = ScoringProgress.State.IN_FLIGHT;
        int account = 0;
        for (int batch : batches) {
            batchRunning = true;
            for (Duration spent = Duration.ZERO; spent.compareTo(each) < 0; spent = spent.plusMillis(100)) {
                drain(toSalesforce);
                drain(toZendesk);
                clock.advance(Duration.ofMillis(100));
            }
            int first = account;
            db.inTransaction(c -> { // one commit per processor batch
                for (int i = first; i < first + batch; i++) {
                    for (String channel : List.of("salesforce", "zendesk")) {
                        store.enqueueIfChanged(c, channel, "a" + i, "001a" + i, Map.of("score", 1), clock.instant());
                    }
                }
                return null;
            });
            account += batch;
            batchesFinished++;
            processor = batch >= 200 ? ScoringProgress.State.BACKLOG : ScoringProgress.State.IN_FLIGHT;
            drain(toSalesforce);
            drain(toZendesk);
        }
        // The processor looks again and finds nothing: caught up.
        batchRunning = false;
        batchesFinished++;
        processor = ScoringProgress.State.CAUGHT_UP;
        drain(toSalesforce);
        drain(toZendesk);
        clock.advance(standard.quiet());
        drain(toSalesforce);
        drain(toZendesk);
    }

    @Test
    void aLoneWriteIsNotHeldLongerThanTheLingerWhileTheProcessorIsBusy() {
        Batches salesforce = new Batches("salesforce", 200);
        ChannelDelivery worker = worker(salesforce, standard);
        processor = ScoringProgress.State.IN_FLIGHT;
        queueChange("salesforce", "acme");

        assertThat(worker.step()).isZero();
        assertThat(worker.untilDue()).isEqualTo(standard.linger());
        clock.advance(standard.linger().minusMillis(1));
        assertThat(worker.step()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(worker.step()).isEqualTo(1);
        assertThat(salesforce.sizes).containsExactly(1);
    }

    @Test
    void aLoneWriteGoesOutOnceNothingMoreArrivesForTheQuietPeriod() {
        Batches salesforce = new Batches("salesforce", 200);
        ChannelDelivery worker = worker(salesforce, standard);
        queueChange("salesforce", "acme");

        assertThat(worker.step()).isZero();
        assertThat(worker.untilDue()).isEqualTo(standard.quiet());
        clock.advance(standard.quiet());
        assertThat(worker.step()).isEqualTo(1);
        assertThat(salesforce.sizes).containsExactly(1);
    }

    @Test
    void writesStillArrivingKeepAPartialBatchWaitingButNeverBeyondTheLinger() {
        Batches salesforce = new Batches("salesforce", 200);
        ChannelDelivery worker = worker(salesforce, standard);
        for (int i = 0; i < 5; i++) {
            queueChange("salesforce", "a" + i);
            assertThat(worker.step()).isZero();
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(worker.step()).as("quiet for 100 ms only").isZero();
        assertThat(worker.untilDue()).isEqualTo(standard.quiet().minusMillis(100));
        clock.advance(standard.quiet().minusMillis(100));
        assertThat(worker.step()).isEqualTo(5);

        // A steady trickle, never quiet: the first write goes (with the others) once it has waited the linger.
        for (int i = 0; i < 10; i++) {
            queueChange("salesforce", "b" + i);
            assertThat(worker.step()).isZero();
            clock.advance(Duration.ofMillis(100));
        }
        assertThat(worker.step()).isEqualTo(10);
        assertThat(salesforce.sizes).containsExactly(5, 10);
    }

    @Test
    void writesStampedAtTheStartOfALongProcessorBatchStillWaitForCompanyAfterTheCommit() {
        Batches salesforce = new Batches("salesforce", 200);
        ChannelDelivery worker = worker(salesforce, standard);
        processor = ScoringProgress.State.IN_FLIGHT;
        queueChanges("salesforce", 0, 100);
        clock.advance(Duration.ofMillis(1900)); // a cold processor: the batch commits 1.9 s after its stamp

        assertThat(worker.step()).isZero();
        clock.advance(Duration.ofMillis(900));
        queueChanges("salesforce", 100, 200);
        assertThat(worker.step()).isEqualTo(200);
        assertThat(salesforce.sizes).containsExactly(200);
    }

    @Test
    void aLingerThatRunsOutWhileTheProcessorIsInsideABatchWaitsForThatBatchsCommit() {
        Batches salesforce = new Batches("salesforce", 200);
        ChannelDelivery worker = worker(salesforce, standard);
        processor = ScoringProgress.State.IN_FLIGHT;
        queueChanges("salesforce", 0, 100);
        assertThat(worker.step()).isZero();
        batchRunning = true; // a slow batch: it commits 1.8 s later
        clock.advance(standard.linger());
        assertThat(worker.step()).isZero();
        assertThat(worker.untilDue()).isEqualTo(ChannelDelivery.HOLD_POLL);
        clock.advance(Duration.ofMillis(800));
        assertThat(worker.step()).isZero();

        queueChanges("salesforce", 100, 200);
        batchesFinished++; // committed; the processor goes straight on to its next batch
        assertThat(worker.step()).isEqualTo(200);
        assertThat(salesforce.sizes).containsExactly(200);
    }

    @Test
    void whileTheProcessorWorksOffABacklogAPartialBatchWaitsThreeLingersAtMost() {
        Batches salesforce = new Batches("salesforce", 200);
        ChannelDelivery worker = worker(salesforce, standard);
        processor = ScoringProgress.State.BACKLOG;
        queueChange("salesforce", "acme");
        assertThat(worker.step()).isZero();
        assertThat(worker.untilDue()).isEqualTo(standard.linger().multipliedBy(3));
        clock.advance(standard.linger().multipliedBy(3));

        assertThat(worker.step()).isEqualTo(1);
    }

    @Test
    void aLingeringBatchWaitsForOneProcessorCommitAtMost() {
        Batches salesforce = new Batches("salesforce", 200);
        ChannelDelivery worker = worker(salesforce, standard);
        processor = ScoringProgress.State.IN_FLIGHT;
        queueChange("salesforce", "acme");
        assertThat(worker.step()).isZero();
        batchRunning = true;
        clock.advance(standard.linger());
        assertThat(worker.step()).isZero();
        batchesFinished++; // that batch committed nothing for Salesforce; the next one is running

        assertThat(worker.step()).isEqualTo(1);
    }

    @Test
    void writesThatArriveWhileTheWorkerIsDeliveringHaveWaitedSinceTheDeliveryStarted() {
        Batches zendesk = new Batches("zendesk", 1000) {
            @Override
            public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
                queueChange("zendesk", "late"); // committed while the job-status poll runs
                clock.advance(Duration.ofSeconds(2));
                return super.deliver(writes);
            }
        };
        Linger zendeskLinger = Linger.forChannel("zendesk", Optional.of(Duration.ofSeconds(3)), name -> Optional.empty());
        ChannelDelivery worker = worker(zendesk, zendeskLinger);
        processor = ScoringProgress.State.IN_FLIGHT;
        queueChange("zendesk", "first");
        assertThat(worker.step()).isZero();
        clock.advance(zendeskLinger.linger());
        assertThat(worker.step()).isEqualTo(1);

        assertThat(worker.step()).isZero();
        assertThat(worker.untilDue()).isEqualTo(zendeskLinger.linger().minusSeconds(2));
    }

    @Test
    void aFullBatchGoesOutWithoutLingering() {
        Batches salesforce = new Batches("salesforce", 200);
        ChannelDelivery worker = worker(salesforce, standard);
        processor = ScoringProgress.State.IN_FLIGHT;
        queueChanges("salesforce", 0, 250);

        assertThat(worker.step()).isEqualTo(200);
        assertThat(worker.step()).as("the rest waits for company").isZero();
        assertThat(salesforce.sizes).containsExactly(200);
    }

    @Test
    void aNewerValueForAWaitingWriteDoesNotPostponeIt() {
        Batches salesforce = new Batches("salesforce", 200);
        ChannelDelivery worker = worker(salesforce, standard);
        processor = ScoringProgress.State.IN_FLIGHT;
        queueChange("salesforce", "acme");
        assertThat(worker.step()).isZero();
        clock.advance(Duration.ofMillis(900));
        db.inTransaction(c -> store.enqueueIfChanged(c, "salesforce", "acme", "001acme", Map.of("score", 2),
                clock.instant()));
        assertThat(worker.step()).isZero();
        clock.advance(Duration.ofMillis(100));

        assertThat(worker.step()).isEqualTo(1);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox")).isEqualTo(1);
    }

    @Test
    void slackAlertsDoNotLinger() {
        Batches slack = new Batches("slack", 20);
        ChannelDelivery worker = worker(slack, Linger.forChannel("slack", Optional.of(Duration.ZERO), name -> Optional.empty()));
        processor = ScoringProgress.State.IN_FLIGHT;
        db.inTransaction(c -> store.enqueue(c, "slack", "acme", "alert:1", Map.of("type", "alert"), clock.instant(), "alert:1"));

        assertThat(worker.step()).isEqualTo(1);
    }

    @Test
    void writesOfADeliveryCutShortComeDueAgainAfterTheLeaseAndGoOutOnce() {
        Batches salesforce = new Batches("salesforce", 200);
        ChannelDelivery worker = worker(salesforce, Linger.NONE);
        for (int i = 0; i < 3; i++) queueChange("salesforce", "a" + i);
        // A worker claimed them and died before it could record the outcome (kill -9 mid-delivery). The
        // lease runs on the database's clock (issue 12), so this one is short and the test waits it out.
        Duration lease = Duration.ofMillis(300);
        db.inTransaction(c -> store.claimDue(c, clock.instant(), "salesforce", 200, lease));

        assertThat(worker.step()).isZero();
        clock.advance(OutboxDelivery.LEASE);
        assertThat(worker.step()).as("a node's clock does not end a lease").isZero();
        sleep(lease.plusMillis(100));
        assertThat(worker.step()).isEqualTo(3);
        assertThat(worker.step()).isZero();
        assertThat(salesforce.sizes).containsExactly(3);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE status = 'DELIVERED'")).isEqualTo(3);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ChannelDelivery worker(DeliveryChannel channel, Linger linger) {
        return new ChannelDelivery(delivery, channel, linger, scoring, clock);
    }

    private void queueChange(String channel, String account) {
        db.inTransaction(c -> store.enqueueIfChanged(c, channel, account, "001" + account, Map.of("score", 1),
                clock.instant()));
    }

    private void queueChanges(String channel, int from, int n) {
        db.inTransaction(c -> {
            for (int i = from; i < from + n; i++) {
                store.enqueueIfChanged(c, channel, "a" + i, "001a" + i, Map.of("score", 1), clock.instant());
            }
            return null;
        });
    }

    private static void drain(ChannelDelivery worker) {
        while (worker.step() > 0) { }
    }
}
