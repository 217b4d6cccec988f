package io.csbridge.store.pipeline;

import io.csbridge.store.Dialect;
import io.csbridge.store.Transaction;

import io.csbridge.json.Json;
import io.csbridge.outbox.VendorCall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outbox table: intended writes, their attempts, and what the vendors said. */
public final class OutboxStore {

    private static final TypeReference<TreeMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final Dialect dialect;
    private final OutboxClaims claims;

    public OutboxStore(Dialect dialect) {
        this.dialect = dialect;
        this.claims = new OutboxClaims(dialect);
    }

    /** Claims, their leases and the settlements only their holder may record. */
    OutboxClaims claims() {
        return claims;
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

    /**
     * Queues one write as it is, for writes that are events rather than values (a Slack alert, the
     * update after a button press, a Salesforce Task): never merged with another write. A second write
     * with the same {@code dedupeKey} on the channel (e.g. the same alert) is ignored; null means no dedupe.
     *
     * @return whether the write was queued (false: one with that dedupe key already was)
     */
    public boolean enqueue(Connection c, String channel, String accountId, String target, Map<String, Object> fields,
                           Instant now, String dedupeKey) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoring("outbox", "channel, account_id, target, "
                + "payload, status, attempts, next_attempt_at, created_at, dedupe_key", "channel, dedupe_key"))) {
            ps.setString(1, channel);
            ps.setString(2, accountId);
            ps.setString(3, target);
            ps.setString(4, Json.write(new TreeMap<>(fields)));
            ps.setString(5, "PENDING");
            ps.setInt(6, 0);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setTimestamp(8, Timestamp.from(now));
            ps.setString(9, dedupeKey);
            return ps.executeUpdate() > 0;
        }
    }

    /** Counts one channel's due writes, without claiming them, up to {@code upTo}. */
    public int countDue(Connection c, Instant now, String channel, int upTo) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT id FROM outbox "
                + "WHERE channel = ? AND status = 'PENDING' AND next_attempt_at <= ? AND " + OutboxClaims.unleased()
                + " "
                + "FETCH FIRST " + Math.max(1, upTo) + " ROWS ONLY) due")) {
            ps.setString(1, channel);
            ps.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Claims due writes ({@link OutboxClaims}): each gets a fresh claim token and a lease on the database's
     * clock, so no other node takes it meanwhile, and a crashed node's writes come due again when the lease
     * runs out.
     */
    public List<OutboxClaims.Claimed> claimDue(Connection c, Instant now, int limit, Duration lease) throws SQLException {
        return claims.claim(c, now, "", List.of(), limit, lease);
    }

    /** Claims due writes of one channel, as {@link #claimDue(Connection, Instant, int, Duration)}. */
    public List<OutboxClaims.Claimed> claimDue(Connection c, Instant now, String channel, int limit, Duration lease)
            throws SQLException {
        return claims.claim(c, now, " AND channel = ?", List.of(channel), limit, lease);
    }

    /** Claims due writes of channels other than {@code channels} (e.g. of a connector that is not deployed). */
    public List<OutboxClaims.Claimed> claimDueExcept(Connection c, Instant now, List<String> channels, int limit,
                                                     Duration lease) throws SQLException {
        if (channels.isEmpty()) return claimDue(c, now, limit, lease);
        return claims.claim(c, now, " AND channel NOT IN (" + "?,".repeat(channels.size() - 1) + "?)", channels,
                limit, lease);
    }

    /** Puts a dead letter back in the queue, due now. */
    public boolean retryDead(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'PENDING', attempts = 0, "
                + "next_attempt_at = ?, claim_token = NULL, lease_until = NULL WHERE id = ? AND status = 'DEAD'")) {
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

    static Map<String, Object> fields(String json) {
        try {
            return Json.MAPPER.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox payload is not JSON", e);
        }
    }

    static String clip(String error) {
        if (error == null) return null;
        return error.length() <= 4000 ? error : error.substring(0, 4000);
    }

    /** {@link #enqueueIfChanged(Connection, String, String, String, Map, Instant)} on a stage's transaction. */
    public boolean enqueueIfChanged(Transaction tx, String channel, String accountId, String target,
                                    Map<String, Object> fields, Instant now) {
        return tx.sql(c -> enqueueIfChanged(c, channel, accountId, target, fields, now));
    }

    /** {@link #enqueue(Connection, String, String, String, Map, Instant, String)} on a stage's transaction. */
    public boolean enqueue(Transaction tx, String channel, String accountId, String target, Map<String, Object> fields,
                           Instant now, String dedupeKey) {
        return tx.sql(c -> enqueue(c, channel, accountId, target, fields, now, dedupeKey));
    }
}
