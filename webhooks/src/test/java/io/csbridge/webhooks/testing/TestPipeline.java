package io.csbridge.webhooks.testing;

import io.csbridge.store.Database;
import io.csbridge.inbox.Inbox;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.SchemaMigration;
import org.h2.jdbcx.JdbcDataSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The real inbox on a fresh in-memory H2 with the real schema, behind the {@link Pipeline} the hooks
 * are given: a hook test sees exactly what a delivery committed, or that it left no trace.
 */
public final class TestPipeline extends Pipeline implements AutoCloseable {

    private final Database database;
    private final Inbox inbox;
    private final Clock clock;

    public TestPipeline(Clock clock) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        SchemaMigration.migrate(ds);
        this.database = new Database(ds);
        this.clock = clock;
        this.inbox = new Inbox(new InboxStore(database), clock, Thread::new, () -> { });
    }

    @Override
    public Inbox inbox() {
        return inbox;
    }

    @Override
    public Database database() {
        return database;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /** What the inbox holds: {@code source|dedupe_key|event_time}, in insertion order. */
    public List<String> inboxRows() {
        return database.inTransaction(c -> {
            List<String> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT source, dedupe_key, event_time FROM inbox_event ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getTimestamp(3).toInstant());
            }
            return rows;
        });
    }

    public String payloadOf(String dedupeKey) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM inbox_event WHERE dedupe_key = ?")) {
                ps.setString(1, dedupeKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    @Override
    public void close() {
        inbox.close();
    }
}
