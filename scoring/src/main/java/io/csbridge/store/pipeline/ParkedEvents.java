package io.csbridge.store.pipeline;

import io.csbridge.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events the processor could not apply after all their attempts ({@code inbox_event} rows in status
 * FAILED), as people read them, and their return to the queue on request.
 */
public final class ParkedEvents {

    /**
     * One parked event.
     *
     * @param parkedAt when its last attempt failed
     */
    public record ParkedEvent(long id, String source, String dedupeKey, Instant eventTime, Instant receivedAt,
                              int attempts, String error, Instant parkedAt) {
    }

    private final Database database;

    public ParkedEvents(Database database) {
        this.database = database;
    }

    /** Newest first. */
    public List<ParkedEvent> list(int limit, int offset) {
        return database.inTransaction(c -> {
            List<ParkedEvent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, source, dedupe_key, event_time, received_at, "
                    + "attempts, last_error, processed_at FROM inbox_event WHERE status = 'FAILED' "
                    + "ORDER BY id DESC OFFSET " + offset + " ROWS FETCH NEXT " + limit + " ROWS ONLY");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ParkedEvent(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs, 4),
                            instant(rs, 5), rs.getInt(6), rs.getString(7), instant(rs, 8)));
                }
            }
            return out;
        });
    }

    public long count() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM inbox_event WHERE status = 'FAILED'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * Puts a parked event back in the queue, due at once, with a fresh allowance of attempts (its last
     * error stays until it is applied or fails again).
     *
     * @return false if it is not parked (or does not exist)
     */
    public boolean retry(long id) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbox_event SET status = 'NEW', attempts = 0, "
                    + "next_attempt_at = NULL, processed_at = NULL WHERE id = ? AND status = 'FAILED'")) {
                ps.setLong(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
