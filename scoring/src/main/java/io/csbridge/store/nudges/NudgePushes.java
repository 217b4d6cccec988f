package io.csbridge.store.nudges;

import io.csbridge.domain.nudge.Impression;
import io.csbridge.json.Json;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.OutboxStore;
import io.csbridge.vendors.ChannelNames;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What push mode needs from the database: the product users active lately (by signal), the nudges already
 * queued for a user (the {@code nudges} outbox rows: the durable record of every push, on every node), the
 * account's groupId, and queueing a push on the outbox, once per key.
 */
public final class NudgePushes {

    /** A product user seen in a signal. */
    public record ActiveUser(String accountId, String userId) {
    }

    private final Database db;

    public NudgePushes(Database db) {
        this.db = db;
    }

    /** The newest signal id, 0 when there is none. */
    public long newestSignal() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM signal");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * The product users behind activity signals (events, page views, identify calls) stored after {@code afterId}
     * that happened at or after {@code since} (a primary key range). Not the people behind other signals (a Slack
     * button press, an override).
     */
    public List<ActiveUser> activeAfter(long afterId, Instant since, int limit) {
        return db.inTransaction(c -> {
            List<ActiveUser> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT account_id, user_ref FROM signal "
                    + "WHERE id > ? AND occurred_at >= ? AND user_ref <> '' AND kind IN ('PRODUCT_EVENT', 'PAGE_VIEW', 'USER_IDENTIFIED') "
                    + "FETCH FIRST " + limit + " ROWS ONLY")) {
                ps.setLong(1, afterId);
                ps.setTimestamp(2, Timestamp.from(since));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new ActiveUser(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        });
    }

    /** Every nudge queued for this user of the account, at its queue time (whatever its delivery state). */
    public List<Impression> pushed(String accountId, String userId) {
        return db.inTransaction(c -> {
            List<Impression> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT payload, created_at FROM outbox "
                    + "WHERE channel = ? AND account_id = ? AND target = ?")) {
                ps.setString(1, ChannelNames.NUDGES);
                ps.setString(2, accountId);
                ps.setString(3, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Object nudge = Json.MAPPER.readValue(rs.getString(1), Map.class).get("nudge");
                        if (nudge instanceof Map<?, ?> n && n.get("id") != null) {
                            out.add(new Impression(n.get("id").toString(), rs.getTimestamp(2).toInstant()));
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new SQLException("unreadable nudge push payload", e);
                }
            }
            return out;
        });
    }

    /** The product's groupId of the account, if it has one. */
    public Optional<String> groupIdOf(String accountId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT key_value FROM account_key WHERE account_id = ? "
                    + "AND kind = 'product' ORDER BY key_value FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Queues one push (target: the user id). A second push with the same {@code key} is ignored, so nodes
     * deciding the same push at once queue it once.
     *
     * @return whether it was queued now (false: it already was)
     */
    public boolean queue(String accountId, String userId, Map<String, Object> payload, Instant now, String key) {
        OutboxStore outbox = new OutboxStore(db.dialect());
        return db.inTransaction(c -> outbox.enqueue(c, ChannelNames.NUDGES, accountId, userId, payload, now, key));
    }
}
