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
     * Claims up to {@code limit} NEW events, oldest first, with SKIP LOCKED: another node's transaction
     * takes the others. They stay claimed until {@code tx} ends.
     */
    public List<Claimed> claimNew(Transaction tx, int limit) {
        return tx.sql(c -> {
            List<Claimed> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(database.dialect().claimFirst("id, signals", "inbox_event",
                    "status = 'NEW'", "status, id", limit))) {
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

    /** Parks an event that cannot be processed as FAILED with its error, in a transaction of its own. */
    public void markFailed(long inboxId, String error) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbox_event SET status = 'FAILED', "
                    + "attempts = attempts + 1, last_error = ? WHERE id = ?")) {
                ps.setString(1, error.length() > 2000 ? error.substring(0, 2000) : error);
                ps.setLong(2, inboxId);
                return ps.executeUpdate();
            }
        });
    }
}
