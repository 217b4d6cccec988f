package io.csbridge.store.alerts;

import io.csbridge.store.Database;

import io.csbridge.domain.alerting.AlertMemoryUnavailable;
import io.csbridge.domain.alerting.AlertThreads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Alert threads in table {@code slack_thread}, one short transaction per call. Two nodes starting the
 * same thread at once keep the first one recorded; both then reply in it.
 */
public final class AlertThreadStore implements AlertThreads {

    private final Database db;

    public AlertThreadStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<String> threadOf(String channel, String alertKey) {
        return inTransaction(c -> find(c, channel, alertKey));
    }

    @Override
    public String started(String channel, String alertKey, String messageTs, Instant at) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().insertIgnoring("slack_thread",
                    "channel, thread_key, thread_ts, started_at", "channel, thread_key"))) {
                ps.setString(1, channel);
                ps.setString(2, alertKey);
                ps.setString(3, messageTs);
                ps.setTimestamp(4, Timestamp.from(at));
                ps.executeUpdate();
            }
            return find(c, channel, alertKey).orElse(messageTs);
        });
    }

    /** One short transaction; a database failure is the port's {@link AlertMemoryUnavailable}. */
    private <T> T inTransaction(Database.Work<T> work) {
        try {
            return db.inTransaction(work);
        } catch (Database.DatabaseException e) {
            throw new AlertMemoryUnavailable(e.getMessage(), e);
        }
    }

    private static Optional<String> find(Connection c, String channel, String alertKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT thread_ts FROM slack_thread WHERE channel = ? AND thread_key = ?")) {
            ps.setString(1, channel);
            ps.setString(2, alertKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
