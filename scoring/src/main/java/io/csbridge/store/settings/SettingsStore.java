package io.csbridge.store.settings;

import io.csbridge.store.settings.AuditLog;
import io.csbridge.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Versioned configuration (the scoring model, the alert rules): every save is a new version, the
 * highest is in force, the rest is the history. Saves are audited in the same transaction.
 */
public final class SettingsStore {

    public static final String SCORING = "scoring";
    public static final String ALERT_RULES = "alert-rules";

    /** One saved version. */
    public record Version(String name, int version, String body, Instant createdAt, String createdBy, String note) {
    }

    private final Database database;

    public SettingsStore(Database database) {
        this.database = database;
    }

    public Optional<Version> current(String name) {
        return database.inTransaction(c -> current(c, name));
    }

    public Optional<Version> current(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT name, version, body, created_at, created_by, note "
                + "FROM settings_version WHERE name = ? ORDER BY version DESC FETCH FIRST 1 ROWS ONLY")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The number of the latest saved version of {@code name}, if any: one read of the primary key's index. */
    public java.util.OptionalInt latestVersion(String name) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM settings_version WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    int v = rs.getInt(1);
                    return rs.wasNull() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(v);
                }
            }
        });
    }

    public List<Version> history(String name, int limit) {
        return database.inTransaction(c -> {
            List<Version> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT name, version, body, created_at, created_by, note "
                    + "FROM settings_version WHERE name = ? ORDER BY version DESC FETCH FIRST " + limit + " ROWS ONLY")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(read(rs));
                }
            }
            return out;
        });
    }

    /** Saves {@code body} as the next version. @return the new version number */
    public int save(String name, String body, String by, String note, Instant at) {
        return database.inTransaction(c -> {
            Optional<Version> before = current(c, name);
            int next = before.map(v -> v.version() + 1).orElse(1);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO settings_version (name, version, body, "
                    + "created_at, created_by, note) VALUES (?,?,?,?,?,?)")) {
                ps.setString(1, name);
                ps.setInt(2, next);
                ps.setString(3, body);
                ps.setTimestamp(4, Timestamp.from(at));
                ps.setString(5, by);
                ps.setString(6, note);
                ps.executeUpdate();
            }
            new AuditLog().record(c, at, by, name + ".save", name + " v" + next,
                    before.map(Version::body).orElse(null), body);
            return next;
        });
    }

    private static Version read(ResultSet rs) throws SQLException {
        return new Version(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                rs.getString(5), rs.getString(6));
    }
}
