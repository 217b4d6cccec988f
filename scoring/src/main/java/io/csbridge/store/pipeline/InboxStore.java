package io.csbridge.store.pipeline;

import io.csbridge.store.Database;
import io.csbridge.store.Transaction;

import io.csbridge.store.account.SignalCodec;

import io.csbridge.inbox.InboxEntry;
import io.csbridge.inbox.InboxRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The {@code inbox_event} table: inserts deliveries, ignoring the ones whose (source, dedupe key) is already
 * there (the {@link InboxRows} the inbox writer commits through), and claims, completes and parks events
 * for the processor.
 */
public final class InboxStore implements InboxRows {

    private final Database database;
    private final String insert;

    public InboxStore(Database database) {
        this.database = database;
        this.insert = database.dialect().insertIgnoring("inbox_event",
                "source, dedupe_key, event_time, received_at, payload, signals, status", "source, dedupe_key");
    }

    @Override
    public List<boolean[]> insertTogether(List<List<InboxEntry>> groups, Clock clock) {
        return database.inTransaction(c -> {
            List<boolean[]> out = new ArrayList<>(groups.size());
            for (List<InboxEntry> entries : groups) out.add(insert(c, entries, clock.instant()));
            return out;
        });
    }

    /** @return for each entry, whether it was new (true) or a repeat delivery (false) */
    public boolean[] insert(Connection connection, List<InboxEntry> entries, Instant receivedAt) throws SQLException {
        boolean[] fresh = new boolean[entries.size()];
        try (PreparedStatement ps = connection.prepareStatement(insert)) {
            // One by one: a batch may repeat a key, and only the first occurrence counts.
            for (int i = 0; i < entries.size(); i++) {
                InboxEntry e = entries.get(i);
                ps.setString(1, e.source());
                ps.setString(2, e.dedupeKey());
                ps.setTimestamp(3, Timestamp.from(e.eventTime()));
                ps.setTimestamp(4, Timestamp.from(receivedAt));
                ps.setString(5, e.payload());
                ps.setString(6, SignalCodec.encode(e.signals()));
                ps.setString(7, "NEW");
                fresh[i] = ps.executeUpdate() > 0;
            }
        }
        return fresh;
    }

    public Database database() {
        return database;
    }

    /**
     * An inbox event claimed for processing.
     *
     * @param signals its signals as stored: decoded by the processor ({@link SignalCodec#decode}), so an
     *                event that cannot be decoded fails on its own and is parked, not the claim
     */
    public record Claimed(long id, String signals) {
    }

    /**
     * Claims up to {@code limit} NEW events whose next attempt is due at {@code now}, oldest first, with
     * SKIP LOCKED: another node's transaction takes the others. They stay claimed until {@code tx} ends.
     */
    public List<Claimed> claimNew(Transaction tx, int limit, Instant now) {
        String sql = database.dialect().claimFirst("id, signals", "inbox_event",
                "status = 'NEW' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)", "status, id", limit);
        return tx.sql(c -> {
            List<Claimed> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                // The dialect may repeat the condition (H2): bind each occurrence.
                int parameters = (int) sql.chars().filter(ch -> ch == '?').count();
                for (int i = 1; i <= parameters; i++) {
                    ps.setTimestamp(i, Timestamp.from(now));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) rows.add(new Claimed(rs.getLong(1), rs.getString(2)));
                }
            }
            return rows;
        });
    }

    /** Marks the claimed events DONE as of {@code now}, in one batched statement. */
    public void markDone(Transaction tx, List<Claimed> rows, Instant now) {
        tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE inbox_event SET status = 'DONE', processed_at = ?, attempts = attempts + 1 WHERE id = ?")) {
                for (Claimed row : rows) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setLong(2, row.id());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /**
     * What became of an event that failed: how many attempts it has had, and whether it is now parked as
     * FAILED (else it waits for its next attempt).
     */
    public record Failure(int attempts, boolean parked) {
    }

    /**
     * Records a failed attempt of an event, in a transaction of its own: its error, one more attempt, and
     * either when to try again or (when {@code nextAttempt} answers null for the new count) parks it FAILED.
     *
     * @param nextAttempt given the attempts so far (this one included), when to try again; null to park
     */
    public Failure recordFailure(long inboxId, String error, Instant now, IntFunction<Instant> nextAttempt) {
        return database.inTransaction(c -> {
            int attempts;
            try (PreparedStatement ps = c.prepareStatement("SELECT attempts FROM inbox_event WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, inboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return new Failure(0, false);
                    attempts = rs.getInt(1) + 1;
                }
            }
            Instant next = nextAttempt.apply(attempts);
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbox_event SET status = ?, attempts = ?, last_error = ?, "
                    + "next_attempt_at = ?, processed_at = ? WHERE id = ? AND status = 'NEW'")) {
                ps.setString(1, next == null ? "FAILED" : "NEW");
                ps.setInt(2, attempts);
                ps.setString(3, error.length() > 2000 ? error.substring(0, 2000) : error);
                ps.setTimestamp(4, next == null ? null : Timestamp.from(next));
                ps.setTimestamp(5, next == null ? Timestamp.from(now) : null);
                ps.setLong(6, inboxId);
                if (ps.executeUpdate() == 0) return new Failure(attempts - 1, false);
            }
            return new Failure(attempts, next == null);
        });
    }

    /** Whether nothing was ever received (the sample data is offered only then). */
    public boolean isEmpty() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM inbox_event FETCH FIRST 1 ROWS ONLY");
                 java.sql.ResultSet rs = ps.executeQuery()) {
                return !rs.next();
            }
        });
    }
}
