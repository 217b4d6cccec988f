package io.csbridge.outbox;

import io.csbridge.metrics.NodeCounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Hands due outbox writes to their channels and records the outcome: delivered, retried later
 * (backoff with jitter, at least what the vendor asked for), or dead-lettered with the vendor's
 * error after the retry limit. Sandbox channels record the calls they would have made.
 *
 * <p>Each write is held under a claim ({@link PendingWrites}): a lease on the database's clock, renewed
 * while the vendor call runs ({@link LeaseKeeper}), and a token without which its outcome is not recorded.
 * A write whose outcome could not be recorded (a crash, or the claim lost) is attempted again; the
 * channels make that second attempt find the first one's effect ({@link OutboundWrite#key()}).
 */
public final class OutboxDelivery {

    private static final Logger LOG = Logger.getLogger(OutboxDelivery.class.getName());
    /** How long a claim holds a write without being renewed: how soon a crashed node's writes come due. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private final PendingWrites store;
    private final Supplier<List<DeliveryChannel>> channels;
    private final RetryPolicy retry;
    private final Clock clock;
    private final int claimSize;
    private final LeaseKeeper leases;

    /** @param store the outbox table (the persistence layer's {@code OutboxPendingWrites}) */
    public OutboxDelivery(PendingWrites store, Supplier<List<DeliveryChannel>> channels, RetryPolicy retry, Clock clock,
                          int claimSize) {
        this(store, channels, retry, clock, claimSize, LEASE, Executors.defaultThreadFactory());
    }

    /**
     * @param lease   how long a claim holds a write unless renewed (renewed every third of it while delivering)
     * @param threads makes the thread that renews the leases
     */
    public OutboxDelivery(PendingWrites store, Supplier<List<DeliveryChannel>> channels, RetryPolicy retry, Clock clock,
                          int claimSize, Duration lease, ThreadFactory threads) {
        this.store = store;
        this.channels = channels;
        this.retry = retry;
        this.clock = clock;
        this.claimSize = claimSize;
        this.leases = new LeaseKeeper(store, lease, threads);
    }

    /**
     * Delivers one round of due writes at once, without lingering: each channel claims what one
     * {@link DeliveryChannel#deliver} call takes ({@link DeliveryChannel#maxBatch()}), then the writes of
     * channels no connector serves are claimed. The running server gives each channel its own worker
     * instead ({@link OutboxWorkers}); this round is for callers that want everything due sent now.
     *
     * @return how many writes were attempted
     */
    public int deliverDue() {
        List<DeliveryChannel> deployed = channels.get();
        int attempted = 0;
        List<String> names = new ArrayList<>();
        for (DeliveryChannel channel : deployed) {
            names.add(channel.name());
            attempted += deliver(channel);
        }
        return attempted + deliverUnserved(names);
    }

    /**
     * Claims what one {@link DeliveryChannel#deliver} call of this channel takes
     * ({@link DeliveryChannel#maxBatch()}: Salesforce 200, Zendesk 1,000 so that ten update_many calls share
     * one job-status poll, Slack 20) and delivers it.
     *
     * @return how many writes were attempted
     */
    public int deliver(DeliveryChannel channel) {
        Instant now = clock.instant();
        int limit = Math.max(1, channel.maxBatch());
        List<OutboundWrite> claimed = store.claimDue(channel.name(), now, limit, leases.lease());
        deliver(channel.name(), channel, claimed);
        return claimed.size();
    }

    /** How many of this channel's writes are due, counted up to what one delivery takes. */
    public int countDue(DeliveryChannel channel) {
        int fullBatch = Math.max(1, channel.maxBatch());
        return store.countDue(channel.name(), clock.instant(), fullBatch);
    }

    /**
     * Claims due writes of channels other than {@code served}, {@code claimSize} at a time, and puts them
     * back for later with the reason: no connector is deployed for them (they wait, never lost).
     *
     * @return how many writes were attempted
     */
    public int deliverUnserved(List<String> served) {
        Instant now = clock.instant();
        Map<String, List<OutboundWrite>> byChannel = store.claimDueExcept(served, now, claimSize, leases.lease());
        int attempted = 0;
        for (Map.Entry<String, List<OutboundWrite>> e : byChannel.entrySet()) {
            deliver(e.getKey(), null, e.getValue());
            attempted += e.getValue().size();
        }
        return attempted;
    }

    private void deliver(String name, DeliveryChannel channel, List<OutboundWrite> writes) {
        if (writes.isEmpty()) return;
        for (int from = 0; from < writes.size(); from += chunk(channel)) {
            List<OutboundWrite> batch = writes.subList(from, Math.min(writes.size(), from + chunk(channel)));
            if (channel == null) {
                settle(batch, failAll(batch, "no connector named '" + name + "' is deployed"));
            } else if (!channel.live()) {
                recordSandbox(channel, batch);
            } else {
                List<DeliveryOutcome> outcomes = deliverSafely(channel, batch);
                for (DeliveryOutcome o : outcomes) NodeCounts.INSTANCE.vendorCalls.count(channel.name() + "|" + o.result());
                settle(batch, outcomes);
            }
        }
    }

    private static int chunk(DeliveryChannel channel) {
        return channel == null ? 100 : Math.max(1, channel.maxBatch());
    }

    private List<DeliveryOutcome> deliverSafely(DeliveryChannel channel, List<OutboundWrite> batch) {
        try {
            return leases.whileHeld(batch, () -> channel.deliver(batch));
        } catch (RuntimeException e) {
            LOG.warning(() -> channel.name() + " delivery failed: " + e);
            return failAll(batch, channel.name() + ": " + e.getMessage());
        }
    }

    private static List<DeliveryOutcome> failAll(List<OutboundWrite> batch, String error) {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (OutboundWrite w : batch) out.add(DeliveryOutcome.retry(w.outboxId(), error, Duration.ZERO));
        return out;
    }

    private void recordSandbox(DeliveryChannel channel, List<OutboundWrite> batch) {
        List<VendorCall> calls = channel.preview(batch);
        store.recordSandbox(channel.name(), batch, calls, clock.instant());
    }

    private void settle(List<OutboundWrite> batch, List<DeliveryOutcome> outcomes) {
        Map<Long, OutboundWrite> byId = new HashMap<>();
        for (OutboundWrite w : batch) byId.put(w.outboxId(), w);
        Instant now = clock.instant();
        List<Settlement> settled = new ArrayList<>(outcomes.size() + batch.size());
        for (DeliveryOutcome outcome : outcomes) {
            OutboundWrite w = byId.remove(outcome.outboxId());
            if (w == null) continue;
            switch (outcome.result()) {
                case DELIVERED -> settled.add(Settlement.delivered(w));
                case REJECTED -> settled.add(Settlement.dead(w, outcome.error()));
                case RETRY -> {
                    if (retry.exhausted(w.attempt())) {
                        settled.add(Settlement.dead(w,
                                "gave up after " + w.attempt() + " attempts: " + outcome.error()));
                    } else {
                        settled.add(Settlement.retryAt(w,
                                now.plus(retry.delayAfter(w.attempt(), outcome.retryAfter())), outcome.error()));
                    }
                }
            }
        }
        // A channel that forgot a write: try it again rather than lose it.
        for (OutboundWrite w : byId.values()) {
            settled.add(Settlement.retryAt(w, now.plus(retry.delayAfter(w.attempt(), Duration.ZERO)),
                    "no outcome reported by the connector"));
        }
        List<Long> lost = store.settle(settled, now);
        if (!lost.isEmpty()) {
            LOG.warning(() -> "outcomes of outbox writes " + lost + " not recorded: their lease ran out and another "
                    + "worker holds them now (its outcome stands)");
        }
    }
}
