package io.csbridge.store.pipeline;

import io.csbridge.store.Database;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

/**
 * The {@code scheduled_run} table: which node runs a once-a-day job. The first node to insert the day
 * claims it with a lease (timed by the database's clock, so nodes' clocks need not agree) that it renews
 * as it works; when it finishes it records the time. A day whose lease ran out unfinished (its owner
 * died) is taken over by the next node that looks; a claim token keeps the old owner, should it come
 * back, from renewing or finishing what is no longer its run.
 */
public final class ScheduledRuns {

    /** A day this node holds: renew it while working, finish it at the end. */
    public record Claim(String name, LocalDate day, String token, boolean takenOver) {
    }

    /** How a day's run stands, for an operator and the tests. */
    public record Run(String owner, Instant startedAt, Optional<Instant> finishedAt, int takeovers) {
    }

    private final Database database;

    public ScheduledRuns(Database database) {
        this.database = database;
    }

    /**
     * Claims {@code day} for the job {@code name}: the first claim of the day, or a takeover of a day
     * whose owner's lease ran out before it finished.
     *
     * @return the claim, empty when the day is done or another node holds it
     */
    public Optional<Claim> claim(String name, LocalDate day, Instant startedAt, String owner, Duration lease) {
        String token = UUID.randomUUID().toString();
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(database.dialect().insertIgnoring("scheduled_run",
                    "name, run_day, started_at, owner, claim_token", "name, run_day"))) {
                ps.setString(1, name);
                ps.setDate(2, Date.valueOf(day));
                ps.setTimestamp(3, Timestamp.from(startedAt));
                ps.setString(4, owner);
                ps.setString(5, token);
                if (ps.executeUpdate() > 0) {
                    extend(c, name, day, token, lease);
                    return Optional.of(new Claim(name, day, token, false));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled_run SET owner = ?, claim_token = ?, "
                    + "lease_until = " + database.dialect().databaseNowPlus(lease) + ", takeovers = takeovers + 1 "
                    + "WHERE name = ? AND run_day = ? AND finished_at IS NULL "
                    + "AND (lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP)")) {
                ps.setString(1, owner);
                ps.setString(2, token);
                ps.setString(3, name);
                ps.setDate(4, Date.valueOf(day));
                return ps.executeUpdate() > 0 ? Optional.of(new Claim(name, day, token, true)) : Optional.empty();
            }
        });
    }

    /** Extends the lease while working. @return false when the day is no longer this claim's (taken over) */
    public boolean renew(Claim claim, Duration lease) {
        return database.inTransaction(c -> extend(c, claim.name(), claim.day(), claim.token(), lease));
    }

    /** Records that the day's run finished. @return false when the day is no longer this claim's */
    public boolean finish(Claim claim, Instant finishedAt) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled_run SET finished_at = ?, lease_until = NULL "
                    + "WHERE name = ? AND run_day = ? AND claim_token = ? AND finished_at IS NULL")) {
                ps.setTimestamp(1, Timestamp.from(finishedAt));
                ps.setString(2, claim.name());
                ps.setDate(3, Date.valueOf(claim.day()));
                ps.setString(4, claim.token());
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** How the day's run of {@code name} stands, if it was claimed. */
    public Optional<Run> run(String name, LocalDate day) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT owner, started_at, finished_at, takeovers "
                    + "FROM scheduled_run WHERE name = ? AND run_day = ?")) {
                ps.setString(1, name);
                ps.setDate(2, Date.valueOf(day));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    Timestamp finished = rs.getTimestamp(3);
                    return Optional.of(new Run(rs.getString(1), rs.getTimestamp(2).toInstant(),
                            Optional.ofNullable(finished).map(Timestamp::toInstant), rs.getInt(4)));
                }
            }
        });
    }

    private boolean extend(java.sql.Connection c, String name, LocalDate day, String token, Duration lease)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE scheduled_run SET lease_until = "
                + database.dialect().databaseNowPlus(lease) + " WHERE name = ? AND run_day = ? AND claim_token = ? "
                + "AND finished_at IS NULL")) {
            ps.setString(1, name);
            ps.setDate(2, Date.valueOf(day));
            ps.setString(3, token);
            return ps.executeUpdate() > 0;
        }
    }
}
