package io.csbridge.store;

import io.csbridge.inbox.InboxEntry;
import io.csbridge.inbox.InboxRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Inserts inbox rows, ignoring the ones whose (source, dedupe key) is already there. */
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
}
