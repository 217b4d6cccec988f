package io.csbridge.store.pipeline;

import io.csbridge.store.Dialect;
import io.csbridge.store.Transaction;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Accounts to rescore at a set time ({@code rescore_due}): an event stamped in the future is left out of
 * the score until then, and its account is rescored when it comes due, by whichever node claims the row.
 */
public final class DueRescores {

    /** One account to rescore at {@code dueAt}. */
    public record Due(String accountId, Instant dueAt) {
    }

    private final Dialect dialect;

    public DueRescores(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Records each account's times (a time already recorded is kept once). */
    public void add(Transaction tx, Map<String, Set<Instant>> times) {
        if (times.isEmpty()) return;
        tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoring("rescore_due", "account_id, due_at", "account_id, due_at"))) {
                for (Map.Entry<String, Set<Instant>> e : times.entrySet()) {
                    for (Instant at : e.getValue()) {
                        ps.setString(1, e.getKey());
                        ps.setTimestamp(2, Timestamp.from(at));
                        ps.addBatch();
                    }
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** Claims up to {@code limit} rows due by {@code now}, skipping rows another node holds. */
    public List<Due> claim(Transaction tx, Instant now, int limit) {
        return tx.sql(c -> {
            List<Due> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id, due_at FROM rescore_due WHERE due_at <= ? "
                    + "ORDER BY due_at LIMIT " + limit + dialect.skipLocked())) {
                ps.setTimestamp(1, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new Due(rs.getString(1), rs.getTimestamp(2).toInstant()));
                }
            }
            return out;
        });
    }

    /** Removes rows once their accounts were rescored. */
    public void remove(Transaction tx, Collection<Due> done) {
        if (done.isEmpty()) return;
        tx.sql(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rescore_due WHERE account_id = ? AND due_at = ?")) {
                for (Due d : done) {
                    ps.setString(1, d.accountId());
                    ps.setTimestamp(2, Timestamp.from(d.dueAt()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }
}
