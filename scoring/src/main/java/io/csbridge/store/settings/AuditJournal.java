package io.csbridge.store.settings;

import io.csbridge.store.Database;

import java.time.Instant;
import java.util.List;

/**
 * The {@link AuditLog} for changes that are not written in a transaction of their own (an override
 * accepted through the inbox, a new user): each entry in its own transaction, and the latest entries.
 */
public final class AuditJournal {

    private final Database database;
    private final AuditLog log = new AuditLog();

    public AuditJournal(Database database) {
        this.database = database;
    }

    public void record(Instant at, String actor, String action, String subject, String before, String after) {
        database.inTransaction(c -> {
            log.record(c, at, actor, action, subject, before, after);
            return null;
        });
    }

    /** Newest first; only those about {@code subject} when it is given. */
    public List<AuditLog.Entry> recent(String subject, int limit) {
        return database.inTransaction(c -> log.recent(c, subject, limit));
    }
}
