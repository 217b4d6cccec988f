package io.csbridge.processing;

import io.csbridge.store.Database;
import io.csbridge.store.pipeline.ScheduledRuns;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Once a day (UTC), every account is rescored even if nothing happened to it: time-windowed
 * measures age ("no usage in 14 days" only becomes true with time), and the day's history row is
 * written for the charts. One node runs it: the first to claim the day in {@code scheduled_run}.
 */
public final class DailyRescore {

    private static final Logger LOG = Logger.getLogger(DailyRescore.class.getName());
    static final String NAME = "daily-rescore";

    private final Database database;
    private final EventProcessor processor;
    private final Clock clock;
    private final BooleanSupplier stopping;

    public DailyRescore(Database database, EventProcessor processor, Clock clock, BooleanSupplier stopping) {
        this.database = database;
        this.processor = processor;
        this.clock = clock;
        this.stopping = stopping;
    }

    /** Rescores everything if today's run has not been claimed yet. @return accounts rescored */
    public int runIfDue() {
        LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
        boolean claimed = new ScheduledRuns(database).claim(NAME, today, clock.instant());
        if (!claimed) return 0;
        LOG.info(() -> "daily rescore for " + today);
        return new RescoreAll(database, processor, clock).run(stopping);
    }
}
