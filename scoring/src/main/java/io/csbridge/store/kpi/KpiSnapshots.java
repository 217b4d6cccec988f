package io.csbridge.store.kpi;

import io.csbridge.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Stored portfolio KPIs ({@code kpi_snapshot}): one report per moment and model version. */
public final class KpiSnapshots {

    /**
     * A stored report (its JSON), the moment it is of, when it was computed, and the newest signal (by id)
     * stored when its computation began: a signal stored since (a late or backdated one) makes it out of date.
     */
    public record Snapshot(Instant asOf, Instant computedAt, long lastSignal, String body) {
    }

    private final Database database;

    public KpiSnapshots(Database database) {
        this.database = database;
    }

    /** The report of exactly {@code asOf} under {@code modelVersion}, if one was stored. */
    public Optional<Snapshot> at(Instant asOf, String modelVersion) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT as_of, computed_at, last_signal, body FROM kpi_snapshot "
                    + "WHERE as_of = ? AND model_version = ?")) {
                ps.setTimestamp(1, Timestamp.from(asOf));
                ps.setString(2, modelVersion);
                return one(ps);
            }
        });
    }

    /** The latest moment up to {@code notAfter} stored under {@code modelVersion} (the "now" of the last refresh). */
    public Optional<Snapshot> latest(String modelVersion, Instant notAfter) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT as_of, computed_at, last_signal, body FROM kpi_snapshot "
                    + "WHERE model_version = ? AND as_of <= ? ORDER BY as_of DESC LIMIT 1")) {
                ps.setString(1, modelVersion);
                ps.setTimestamp(2, Timestamp.from(notAfter));
                return one(ps);
            }
        });
    }

    /** The id of the newest signal stored (0 when none): one step down the primary key, cheap at any size. */
    public long newestSignal() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM signal"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Stores (or replaces) the report of {@code asOf}, computed from the signals up to {@code lastSignal}. */
    public void save(Instant asOf, String modelVersion, Instant computedAt, long lastSignal, int accounts, String body) {
        database.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM kpi_snapshot WHERE as_of = ? AND model_version = ?")) {
                del.setTimestamp(1, Timestamp.from(asOf));
                del.setString(2, modelVersion);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO kpi_snapshot (as_of, model_version, computed_at, "
                    + "accounts, last_signal, body) VALUES (?,?,?,?,?,?)")) {
                ps.setTimestamp(1, Timestamp.from(asOf));
                ps.setString(2, modelVersion);
                ps.setTimestamp(3, Timestamp.from(computedAt));
                ps.setInt(4, accounts);
                ps.setLong(5, lastSignal);
                ps.setString(6, body);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static Optional<Snapshot> one(PreparedStatement ps) throws java.sql.SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) return Optional.empty();
            return Optional.of(new Snapshot(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(), rs.getLong(3),
                    rs.getString(4)));
        }
    }
}
