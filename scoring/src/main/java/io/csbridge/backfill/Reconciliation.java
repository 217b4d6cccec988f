package io.csbridge.backfill;

import io.csbridge.inbox.Inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * The continuous catch-up of one vendor: every period the reader runs from the vendor's cursor
 * ({@code reconcile:<source>}), so a webhook that never came is repaired within one period. One node at
 * a time holds the lease. It starts once the vendor has a cursor: the first finished backfill leaves its
 * position there, so the catch-up goes on exactly where the backfill ended.
 */
public final class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class.getName());

    private final VendorReader reader;
    private final ReadPositions positions;
    private final Inbox inbox;
    private final Clock clock;
    private final Duration period;
    private final String holder;
    private Instant lastRun;

    public Reconciliation(VendorReader reader, ReadPositions positions, Inbox inbox, Clock clock, Duration period, String holder) {
        this.reader = reader;
        this.positions = positions;
        this.inbox = inbox;
        this.clock = clock;
        this.period = period;
        this.holder = holder;
    }

    public String name() {
        return "reconcile:" + reader.source();
    }

    /** Runs when a period has passed since this node's last run and no other node holds the lease. */
    public int runIfDue() {
        Instant now = clock.instant();
        if (!reader.live() || (lastRun != null && now.isBefore(lastRun.plus(period)))) return 0;
        lastRun = now;
        if (positions.position(name()).isEmpty()) return 0; // no backfill has finished yet
        if (!positions.lease(name(), holder, period.plus(Duration.ofMinutes(5)))) return 0;
        try {
            ReadRun run = new ReadRun(reader, positions, inbox, name());
            long before = positions.processed(name());
            run.run(now.minus(period), () -> false);
            return (int) Math.min(Integer.MAX_VALUE, run.read() - before);
        } catch (VendorReader.Unavailable e) {
            LOG.warning(() -> "reconciliation of " + reader.source() + " deferred: " + e.getMessage());
            return 0;
        } finally {
            positions.release(name(), holder);
        }
    }
}
