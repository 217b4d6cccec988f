package io.csbridge.processing;

import io.csbridge.store.Database;
import io.csbridge.store.pipeline.ScheduledRuns;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Once a day (UTC), every account is rescored even if nothing happened to it: time-windowed
 * measures age ("no usage in 14 days" only becomes true with time), and the day's history row is
 * written for the charts. One node runs it: the first to claim the day in {@code scheduled_run}, under a
 * lease it renews with every chunk of accounts. It records when it finished; a day whose owner died
 * (its lease ran out, unfinished) is taken over and run again by the next node that looks, with the same
 * effect (only changed values are written).
 */
public final class DailyRescore {

    private static final Logger LOG = Logger.getLogger(DailyRescore.class.getName());
    public static final String NAME = "daily-rescore";
    /** The lease unless configured: long enough for a slow chunk, short enough for a quick takeover. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    private final Database database;
    private final EventProcessor processor;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final String owner;
    private final Duration lease;

    public DailyRescore(Database database, EventProcessor processor, Clock clock, BooleanSupplier stopping) {
        this(database, processor, clock, stopping, "this node", LEASE);
    }

    /**
     * @param owner this node's name, recorded with the claim for an operator
     * @param lease how long after its last sign of life a node's run may be taken over
     */
    public DailyRescore(Database database, EventProcessor processor, Clock clock, BooleanSupplier stopping,
                        String owner, Duration lease) {
        this.database = database;
        this.processor = processor;
        this.clock = clock;
        this.stopping = stopping;
        this.owner = owner;
        this.lease = lease;
    }

    /** Rescores everything if today's run is unclaimed, or claimed by a node that died. @return accounts rescored */
    public int runIfDue() {
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        ScheduledRuns runs = new ScheduledRuns(database);
        Optional<ScheduledRuns.Claim> claimed = runs.claim(NAME, today, clock.instant(), owner, lease);
        if (claimed.isEmpty()) return 0;
        ScheduledRuns.Claim claim = claimed.get();
        if (claim.takenOver()) {
            LOG.warning(() -> "daily rescore for " + today + ": taken over by " + owner + " (its owner's lease ran out unfinished)");
        } else {
            LOG.info(() -> "daily rescore for " + today + " on " + owner);
        }
        AtomicBoolean lost = new AtomicBoolean();
        int n = new RescoreAll(database, processor, clock).run(() -> {
            if (stopping.getAsBoolean()) return true;
            if (runs.renew(claim, lease)) return false;
            lost.set(true);
            return true;
        });
        if (lost.get()) {
            LOG.warning(() -> "daily rescore for " + today + ": another node took it over; " + owner + " stopped");
        } else if (!stopping.getAsBoolean() && runs.finish(claim, clock.instant())) {
            LOG.info(() -> "daily rescore for " + today + " finished: " + n + " accounts");
        }
        return n;
    }
}
