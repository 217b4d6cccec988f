package io.csbridge.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outbox table: intended writes, their attempts, and what the vendors said. */
public final class OutboxStore {

    private static final TypeReference<TreeMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final Dialect dialect;

    public OutboxStore(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Queues a write of {@code fields} unless they equal the last ones queued for this channel and
     * account. A write still waiting for its first attempt is updated in place, so a burst of events
     * becomes one vendor call.
     *
     * @return whether anything was queued
     */
    public boolean enqueueIfChanged(Connection c, String channel, String accountId, String target,
                                    Map<String, Object> fields, Instant now) throws SQLException {
        String payload = Json.write(new TreeMap<>(fields));
        String last = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT payload FROM written_value WHERE channel = ? AND account_id = ?")) {
            ps.setString(1, channel);
            ps.setString(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) last = rs.getString(1);
            }
        }
        if (payload.equals(last)) return false;
        if (last == null) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO written_value (channel, account_id, payload) VALUES (?,?,?)")) {
                ps.setString(1, channel);
                ps.setString(2, accountId);
                ps.setString(3, payload);
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE written_value SET payload = ? WHERE channel = ? AND account_id = ?")) {
                ps.setString(1, payload);
                ps.setString(2, channel);
                ps.setString(3, accountId);
                ps.executeUpdate();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET payload = ?, target = ?, created_at = ? "
                + "WHERE channel = ? AND account_id = ? AND status = 'PENDING' AND attempts = 0")) {
            ps.setString(1, payload);
            ps.setString(2, target);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, channel);
            ps.setString(5, accountId);
            if (ps.executeUpdate() > 0) return true;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (channel, account_id, target, payload, "
                + "status, attempts, next_attempt_at, created_at) VALUES (?,?,?,?, 'PENDING', 0, ?, ?)")) {
            ps.setString(1, channel);
            ps.setString(2, accountId);
            ps.setString(3, target);
            ps.setString(4, payload);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
        }
        return true;
    }

    /** A write claimed for delivery. */
    public record Claimed(long id, String channel, String accountId, String target, Map<String, Object> fields,
                          Instant createdAt, int attempt) {
    }

    /**
     * Claims due writes: each gets a lease (its next attempt moved {@code lease} ahead), so no other
     * node takes it meanwhile, and a crashed node's writes come due again when the lease runs out.
     */
    public List<Claimed> claimDue(Connection c, Instant now, int limit, Duration lease) throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, channel, account_id, target, payload, created_at, "
                + "attempts FROM outbox WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id "
                + "FETCH FIRST " + limit + " ROWS ONLY" + dialect.skipLocked())) {
            ps.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            fields(rs.getString(5)), rs.getTimestamp(6).toInstant(), rs.getInt(7) + 1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ? WHERE id = ?")) {
            for (Claimed w : claimed) {
                ps.setTimestamp(1, Timestamp.from(now.plus(lease)));
                ps.setLong(2, w.id());
                ps.addBatch();
            }
            if (!claimed.isEmpty()) ps.executeBatch();
        }
        return claimed;
    }

    public void delivered(Connection c, long id, Instant at) throws SQLException {
        delivered(c, id, at, "live", null);
    }

    public void delivered(Connection c, long id, Instant at, String mode, Long sandboxCallId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'DELIVERED', delivered_at = ?, "
                + "last_error = NULL, mode = ?, sandbox_call_id = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, mode);
            if (sandboxCallId == null) ps.setNull(3, java.sql.Types.BIGINT); else ps.setLong(3, sandboxCallId);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
    }

    public void retryAt(Connection c, long id, Instant next, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?")) {
            ps.setTimestamp(1, Timestamp.from(next));
            ps.setString(2, clip(error));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    public void dead(Connection c, long id, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET status = 'DEAD', last_error = ? WHERE id = ?")) {
            ps.setString(1, clip(error));
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    /** Puts a dead letter back in the queue, due now. */
    public boolean retryDead(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'PENDING', attempts = 0, "
                + "next_attempt_at = ? WHERE id = ? AND status = 'DEAD'")) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setLong(2, id);
            return ps.executeUpdate() > 0;
        }
    }

    /** @return the recorded call's id */
    public long recordSandboxCall(Connection c, String channel, long outboxId, VendorCall call, Instant at)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO sandbox_call (channel, outbox_id, method, url, "
                + "body, recorded_at) VALUES (?,?,?,?,?,?)", new String[]{"id"})) {
            ps.setString(1, channel);
            ps.setLong(2, outboxId);
            ps.setString(3, call.method());
            ps.setString(4, call.url());
            ps.setString(5, call.body());
            ps.setTimestamp(6, Timestamp.from(at));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static Map<String, Object> fields(String json) {
        try {
            return Json.MAPPER.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload is not JSON", e);
        }
    }

    private static String clip(String error) {
        if (error == null) return null;
        return error.length() <= 4000 ? error : error.substring(0, 4000);
    }
}
