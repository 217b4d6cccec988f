package io.csbridge.store.budgets;

import io.csbridge.outbox.VendorBudgets;
import io.csbridge.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The shared request budgets in tables {@code vendor_budget} and {@code vendor_budget_grant}. Taking a
 * request locks the budget's row ({@code SELECT ... FOR UPDATE}), so the nodes take one after another:
 * the count of the window's grants and the new grant are one atomic step for the whole cluster. The
 * time is read from the clock after the lock is held, so a node that waited for it never stamps its
 * grant in the past.
 */
public final class BudgetStore implements VendorBudgets {

    private final Database db;
    private final Clock clock;

    public BudgetStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Duration take(String name, int limit, Duration window) {
        int allowed = Math.max(1, limit);
        return retrying(c -> {
            Instant paused = lock(c, name);
            Instant now = clock.instant();
            if (paused != null && now.isBefore(paused)) return Duration.between(now, paused);
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM vendor_budget_grant WHERE name = ? AND granted_at <= ?")) {
                ps.setString(1, name);
                ps.setTimestamp(2, Timestamp.from(now.minus(window)));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*), MIN(granted_at) FROM vendor_budget_grant WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= allowed) {
                        Duration wait = Duration.between(now, rs.getTimestamp(2).toInstant().plus(window));
                        return wait.isNegative() || wait.isZero() ? Duration.ofMillis(1) : wait;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO vendor_budget_grant (name, granted_at) VALUES (?, ?)")) {
                ps.setString(1, name);
                ps.setTimestamp(2, Timestamp.from(now));
                ps.executeUpdate();
            }
            return Duration.ZERO;
        });
    }

    @Override
    public void pause(String name, Duration duration) {
        retrying(c -> {
            Instant paused = lock(c, name);
            Instant until = clock.instant().plus(duration);
            if (paused == null || until.isAfter(paused)) setPause(c, name, until);
            return null;
        });
    }

    @Override
    public void holdFor(String name, Duration duration) {
        retrying(c -> {
            lock(c, name);
            setPause(c, name, clock.instant().plus(duration));
            return null;
        });
    }

    @Override
    public void release(String name) {
        db.inTransaction(c -> {
            setPause(c, name, null);
            return null;
        });
    }

    @Override
    public Optional<Duration> passOrWait(String name, Duration recheck) {
        return retrying(c -> {
            Instant held = lock(c, name);
            if (held == null) return Optional.empty();
            Instant now = clock.instant();
            if (now.isBefore(held)) return Optional.of(Duration.between(now, held));
            setPause(c, name, now.plus(recheck)); // this caller re-reads; every other node keeps waiting
            return Optional.empty();
        });
    }

    @Override
    public Usage usage(String name, Duration window) {
        return db.inTransaction(c -> {
            Instant now = clock.instant();
            int used;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM vendor_budget_grant WHERE name = ? AND granted_at > ?")) {
                ps.setString(1, name);
                ps.setTimestamp(2, Timestamp.from(now.minus(window)));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    used = rs.getInt(1);
                }
            }
            Instant paused = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT paused_until FROM vendor_budget WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next() && rs.getTimestamp(1) != null) paused = rs.getTimestamp(1).toInstant();
                }
            }
            return new Usage(used, Optional.ofNullable(paused).filter(now::isBefore));
        });
    }

    /** A transient failure (two nodes creating one budget's row at once on H2, a deadlock) is tried again. */
    private <T> T retrying(Database.Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return db.inTransaction(work);
            } catch (Database.DatabaseException e) {
                if (attempt >= 3 || !Database.isTransient(e)) throw e;
            }
        }
    }

    /** Creates the budget's row on first use and locks it. @return its pause, if any */
    private Instant lock(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(db.dialect().insertIgnoring("vendor_budget", "name", "name"))) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT paused_until FROM vendor_budget WHERE name = ? FOR UPDATE")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        }
    }

    private static void setPause(Connection c, String name, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE vendor_budget SET paused_until = ? WHERE name = ?")) {
            ps.setTimestamp(1, until == null ? null : Timestamp.from(until));
            ps.setString(2, name);
            ps.executeUpdate();
        }
    }
}
