package io.csbridge.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One channel's turn at the outbox, as its own worker takes it: count the channel's due writes, and
 * deliver a batch when a full one is due or the {@link Linger} says the rest has waited enough;
 * otherwise remember when that will be, so the worker naps until then (or until nudged).
 * <p>
 * The waiting is timed from when this worker first saw the writes (it is nudged at each commit), or from
 * the start of its last delivery for writes that came while it was busy: the processor stamps its writes
 * with the start of its batch, which on a cold server can be seconds before they are committed. A linger
 * that runs out while the processor is inside a batch waits for that batch's commit (one batch, no more),
 * which may fill the batch.
 */
final class ChannelDelivery {

    /** How often a delivery waiting for the processor's commit looks again. */
    static final Duration HOLD_POLL = Duration.ofMillis(50);

    private final OutboxDelivery delivery;
    private final DeliveryChannel channel;
    private final Linger linger;
    private final ScoringProgress scoring;
    private final Clock clock;
    private Instant waitingSince;
    private Instant lastArrival;
    private int seen;
    private long heldForBatch = -1;
    private volatile Instant next;

    ChannelDelivery(OutboxDelivery delivery, DeliveryChannel channel, Linger linger, ScoringProgress scoring,
                    Clock clock) {
        this.delivery = delivery;
        this.channel = channel;
        this.linger = linger;
        this.scoring = scoring;
        this.clock = clock;
    }

    /** @return how many writes were attempted (0: none due, or they are lingering) */
    int step() {
        int fullBatch = Math.max(1, channel.maxBatch());
        int due = delivery.countDue(channel);
        Instant now = clock.instant();
        if (due == 0) {
            waitingSince = null;
            heldForBatch = -1;
            next = null;
            return 0;
        }
        if (waitingSince == null) {
            waitingSince = now;
            lastArrival = now;
        } else if (due > seen) {
            lastArrival = now;
        }
        seen = due;
        Instant at = linger.deliverAt(new Linger.Waiting(due, waitingSince, lastArrival), fullBatch, scoring.state());
        if (at.isAfter(now)) {
            next = at;
            return 0;
        }
        if (due < fullBatch && scoring.batchRunning()) {
            long finished = scoring.batchesFinished();
            if (heldForBatch < 0) heldForBatch = finished;
            if (finished == heldForBatch) {
                next = now.plus(HOLD_POLL);
                return 0;
            }
        }
        heldForBatch = -1;
        next = null;
        int attempted = delivery.deliver(channel);
        // Writes that came while this delivery ran have waited since it started.
        waitingSince = now;
        lastArrival = now;
        seen = Integer.MAX_VALUE;
        return attempted;
    }

    /** How long until the lingering writes are to go (null: none is lingering). */
    Duration untilDue() {
        Instant at = next;
        return at == null ? null : Duration.between(clock.instant(), at);
    }
}
