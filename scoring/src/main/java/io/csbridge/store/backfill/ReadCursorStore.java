package io.csbridge.store.backfill;

import io.csbridge.backfill.ReadPositions;
import io.csbridge.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;

/** The {@code read_cursor} table: positions, counts and leases of named reads (backfills, reconciliation). */
public final class ReadCursorStore implements ReadPositions {

    private final Database database;

    public ReadCursorStore(Database database) {
        this.database = database;
    }

    @Override
    public Optional<String> position(String name) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT position FROM read_cursor WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public long processed(String name) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT processed FROM read_cursor WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    @Override
    public void save(String name, String position, long recordsAdded) {
        database.inTransaction(c -> {
            ensure(c, name);
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE read_cursor SET position = ?, processed = processed + ?, updated_at = CURRENT_TIMESTAMP WHERE name = ?")) {
                ps.setString(1, position);
                ps.setLong(2, recordsAdded);
                ps.setString(3, name);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public boolean lease(String name, String holder, Duration length) {
        return database.inTransaction(c -> {
            ensure(c, name);
            try (PreparedStatement ps = c.prepareStatement("UPDATE read_cursor SET lease_holder = ?, lease_until = "
                    + database.dialect().databaseNowPlus(length) + " WHERE name = ? AND (lease_holder IS NULL OR lease_holder = ?"
                    + " OR lease_until IS NULL OR lease_until <= CURRENT_TIMESTAMP)")) {
                ps.setString(1, holder);
                ps.setString(2, name);
                ps.setString(3, holder);
                return ps.executeUpdate() == 1;
            }
        });
    }

    @Override
    public void release(String name, String holder) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE read_cursor SET lease_holder = NULL, lease_until = NULL WHERE name = ? AND lease_holder = ?")) {
                ps.setString(1, name);
                ps.setString(2, holder);
                return ps.executeUpdate();
            }
        });
    }

    private void ensure(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(database.dialect().insertIgnoring("read_cursor", "name", "name"))) {
            ps.setString(1, name);
            ps.executeUpdate();
        }
    }
}
