package io.csbridge.store.pipeline;

import io.csbridge.store.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Claims on outbox writes: who is delivering a write, and until when. A claim is a fresh token and a
 * lease on the database's clock ({@code CURRENT_TIMESTAMP}), never a node's own, so nodes whose clocks
 * disagree never both hold a write; settling and renewing take effect only while the token still holds
 * the write, so a worker whose lease ran out cannot overwrite the outcome of the one that claimed it next.
 */
public final class OutboxClaims {

    /** A claimed write. @param key its idempotency key, the same on every attempt @param claim the claim's token */
    public record Claimed(long id, String channel, String accountId, String target, Map<String, Object> fields,
                   Instant createdAt, int attempt, String key, String claim) {
    }

    private final Dialect dialect;

    OutboxClaims(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Claims up to {@code limit} writes due by {@code now} (the caller's clock says what is due) that no
     * live lease holds; {@code filter} narrows by channel with {@code channels} as its parameters.
     */
    List<Claimed> claim(Connection c, Instant now, String filter, List<String> channels, int limit, Duration lease)
            throws SQLException {
        List<Claimed> claimed = new ArrayList<>();
        // Dialect.claimFirst: on H2 the first rows are chosen without locks, then locked, so a backlog of due
        // writes (a vendor down for an hour) does not mean a lock on every one of them at every claim.
        String sql = dialect.claimFirst("id, channel, account_id, target, payload, created_at, attempts, dedupe_key",
                "outbox", "status = 'PENDING' AND next_attempt_at <= ? AND " + unleased() + filter,
                "next_attempt_at, id", limit);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int conditionUses = dialect == Dialect.POSTGRESQL ? 1 : 2; // H2's form repeats the condition
            int p = 1;
            for (int use = 0; use < conditionUses; use++) {
                ps.setTimestamp(p++, Timestamp.from(now));
                for (String channel : channels) ps.setString(p++, channel);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    Instant created = rs.getTimestamp(6).toInstant();
                    String dedupe = rs.getString(8);
                    String key = (dedupe == null ? "outbox-" + id : dedupe) + "@" + created.toEpochMilli();
                    claimed.add(new Claimed(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            OutboxStore.fields(rs.getString(5)), created, rs.getInt(7) + 1, key,
                            UUID.randomUUID().toString()));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET attempts = attempts + 1, claim_token = ?, "
                + "lease_until = " + dialect.databaseNowPlus(lease) + " WHERE id = ?")) {
            for (Claimed w : claimed) {
                ps.setString(1, w.claim());
                ps.setLong(2, w.id());
                ps.addBatch();
            }
            if (!claimed.isEmpty()) ps.executeBatch();
        }
        return claimed;
    }

    /** The condition that no live lease holds a write. */
    static String unleased() {
        return "(lease_until IS NULL OR lease_until <= CURRENT_TIMESTAMP)";
    }

    /** Extends a held write's lease to {@code lease} from the database's now. @return whether the claim holds it */
    boolean renew(Connection c, long id, String claim, Duration lease) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET lease_until = " + dialect.databaseNowPlus(lease)
                + " WHERE id = ? AND claim_token = ? AND status = 'PENDING'")) {
            ps.setLong(1, id);
            ps.setString(2, claim);
            return ps.executeUpdate() > 0;
        }
    }

    /** @return whether the claim still held the write (else nothing changed) */
    boolean delivered(Connection c, long id, String claim, Instant at, String mode, Long sandboxCallId)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'DELIVERED', delivered_at = ?, "
                + "last_error = NULL, mode = ?, sandbox_call_id = ?, " + RELEASED + HELD)) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, mode);
            if (sandboxCallId == null) ps.setNull(3, Types.BIGINT); else ps.setLong(3, sandboxCallId);
            ps.setLong(4, id);
            ps.setString(5, claim);
            return ps.executeUpdate() > 0;
        }
    }

    /** @return whether the claim still held the write (else nothing changed) */
    boolean retryAt(Connection c, long id, String claim, Instant next, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET next_attempt_at = ?, last_error = ?, " + RELEASED + HELD)) {
            ps.setTimestamp(1, Timestamp.from(next));
            ps.setString(2, OutboxStore.clip(error));
            ps.setLong(3, id);
            ps.setString(4, claim);
            return ps.executeUpdate() > 0;
        }
    }

    /** @return whether the claim still held the write (else nothing changed) */
    boolean dead(Connection c, long id, String claim, String error) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox SET status = 'DEAD', last_error = ?, " + RELEASED + HELD)) {
            ps.setString(1, OutboxStore.clip(error));
            ps.setLong(2, id);
            ps.setString(3, claim);
            return ps.executeUpdate() > 0;
        }
    }

    private static final String RELEASED = "claim_token = NULL, lease_until = NULL";
    private static final String HELD = " WHERE id = ? AND claim_token = ? AND status = 'PENDING'";
}
