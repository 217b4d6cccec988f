package io.csbridge.store.pipeline;

import io.csbridge.store.Database;

import io.csbridge.outbox.VendorCall;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What was written where, what failed and why: the outbox as people read it. */
public final class DeliveryLog {

    /** One intended write and its fate; {@code sandboxCalls} are the calls recorded instead of made. */
    public record Delivery(long id, String channel, String accountId, String target, String status, String mode,
                           int attempts, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt,
                           String lastError, String payload, List<VendorCall> sandboxCalls) {
    }

    /** Counts that tell an operator whether the pipeline keeps up. */
    public record Status(Map<String, Long> inbox, Map<String, Long> outbox, long unmatched, Instant oldestNewEvent) {
    }

    private final Database database;

    public DeliveryLog(Database database) {
        this.database = database;
    }

    public List<Delivery> list(String accountId, String channel, String status, int limit, int offset) {
        return database.inTransaction(c -> {
            StringBuilder sql = new StringBuilder("SELECT o.id, o.channel, o.account_id, o.target, o.status, o.mode, "
                    + "o.attempts, o.created_at, o.next_attempt_at, o.delivered_at, o.last_error, o.payload, "
                    + "s.method, s.url, s.body FROM outbox o LEFT JOIN sandbox_call s ON s.id = o.sandbox_call_id WHERE 1 = 1");
            List<String> args = new ArrayList<>();
            if (accountId != null && !accountId.isBlank()) { sql.append(" AND o.account_id = ?"); args.add(accountId); }
            if (channel != null && !channel.isBlank()) { sql.append(" AND o.channel = ?"); args.add(channel); }
            if (status != null && !status.isBlank()) { sql.append(" AND o.status = ?"); args.add(status.toUpperCase()); }
            sql.append(" ORDER BY o.id DESC OFFSET ").append(offset).append(" ROWS FETCH NEXT ").append(limit).append(" ROWS ONLY");
            List<Delivery> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) ps.setString(i + 1, args.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<VendorCall> calls = rs.getString(13) == null ? List.of()
                                : List.of(new VendorCall(rs.getString(13), rs.getString(14), rs.getString(15)));
                        out.add(new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getInt(7), instant(rs, 8), instant(rs, 9),
                                instant(rs, 10), rs.getString(11), rs.getString(12), calls));
                    }
                }
            }
            return out;
        });
    }

    /** Puts a dead letter back in the queue. @return false if it was not dead */
    public boolean retry(long id, Instant now) {
        return database.inTransaction(c -> new OutboxStore(database.dialect()).retryDead(c, id, now));
    }

    public Status status() {
        return database.inTransaction(c -> new Status(counts(c, "inbox_event"), counts(c, "outbox"),
                single(c, "SELECT COUNT(*) FROM unmatched_signal"), oldestNew(c)));
    }

    /** Outbox writes by channel and status ({@code pending}, {@code delivered}, {@code dead}), for the metrics. */
    public Map<String, Map<String, Long>> outboxByChannel() {
        return database.inTransaction(c -> {
            Map<String, Map<String, Long>> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT channel, status, COUNT(*) FROM outbox GROUP BY channel, status");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2).toLowerCase(), rs.getLong(3));
                }
            }
            return out;
        });
    }

    private static Map<String, Long> counts(Connection c, String table) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM " + table + " GROUP BY status");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) out.put(rs.getString(1).toLowerCase(), rs.getLong(2));
        }
        for (String s : table.equals("outbox") ? List.of("pending", "delivered", "dead") : List.of("new", "done", "failed")) {
            out.putIfAbsent(s, 0L);
        }
        return out;
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Instant oldestNew(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(received_at) FROM inbox_event WHERE status = 'NEW'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
