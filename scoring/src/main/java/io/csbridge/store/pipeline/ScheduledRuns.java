package io.csbridge.store.pipeline;

import io.csbridge.store.Database;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

/** The {@code scheduled_run} table: which node runs a once-a-day job, by claiming its day first. */
public final class ScheduledRuns {

    private final Database database;

    public ScheduledRuns(Database database) {
        this.database = database;
    }

    /** @return whether this call claimed {@code day} for the job {@code name} (false: it was claimed before) */
    public boolean claim(String name, LocalDate day, Instant startedAt) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(database.dialect().insertIgnoring("scheduled_run",
                    "name, run_day, started_at", "name, run_day"))) {
                ps.setString(1, name);
                ps.setDate(2, Date.valueOf(day));
                ps.setTimestamp(3, Timestamp.from(startedAt));
                return ps.executeUpdate() > 0;
            }
        });
    }
}
