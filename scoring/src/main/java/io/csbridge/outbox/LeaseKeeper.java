package io.csbridge.outbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Keeps the claims of writes a channel is still delivering: while the vendor call runs, their lease is
 * renewed every third of its length, so a vendor slower than the lease (Zendesk polling a job, Slack
 * pacing twenty messages) never lets another node take them and send them again. A node that dies stops
 * renewing, and its writes come due when the lease runs out. One timer thread, gone when idle.
 */
final class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class.getName());

    private final PendingWrites store;
    private final Duration lease;
    private final ScheduledThreadPoolExecutor timer;

    LeaseKeeper(PendingWrites store, Duration lease, ThreadFactory threads) {
        this.store = store;
        this.lease = lease;
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread t = threads.newThread(task);
            t.setName("csbridge-outbox-leases");
            t.setDaemon(true);
            return t;
        });
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
    }

    Duration lease() {
        return lease;
    }

    /** Runs {@code call} (the vendor call for {@code writes}) with their leases renewed until it returns. */
    <T> T whileHeld(List<OutboundWrite> writes, Supplier<T> call) {
        long period = Math.max(1, lease.toMillis() / 3);
        ScheduledFuture<?> renewal = timer.scheduleAtFixedRate(() -> renew(writes), period, period, TimeUnit.MILLISECONDS);
        try {
            return call.get();
        } finally {
            renewal.cancel(false);
        }
    }

    private void renew(List<OutboundWrite> writes) {
        try {
            List<Long> lost = store.renew(writes, lease);
            if (!lost.isEmpty()) LOG.warning(() -> "outbox writes " + lost + " were claimed by another worker mid-delivery");
        } catch (RuntimeException e) {
            LOG.warning(() -> "outbox leases not renewed (they run out in " + lease + "): " + e);
        }
    }
}
