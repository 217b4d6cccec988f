package io.csbridge.store.settings;

import io.csbridge.store.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** The {@code app_user} table: the people who may use the admin UI and API, their password hashes and roles. */
public final class AdminUserStore {

    /** A user as stored: the hash, never the password. */
    public record StoredUser(String username, String passwordHash, Set<String> roles) {
    }

    private final Database database;

    public AdminUserStore(Database database) {
        this.database = database;
    }

    public Optional<StoredUser> find(String username) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT username, password_hash, roles FROM app_user WHERE username = ?")) {
                ps.setString(1, username);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.empty();
                    Set<String> roles = new LinkedHashSet<>(Arrays.asList(rs.getString(3).split("\\s*,\\s*")));
                    return Optional.of(new StoredUser(rs.getString(1), rs.getString(2), roles));
                }
            }
        });
    }

    public long count() {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM app_user");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Adds or replaces a user. */
    public void save(String username, String passwordHash, Set<String> roles, Instant at) {
        database.inTransaction(c -> {
            try (PreparedStatement del = c.prepareStatement("DELETE FROM app_user WHERE username = ?")) {
                del.setString(1, username);
                del.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO app_user (username, password_hash, roles, created_at) VALUES (?,?,?,?)")) {
                ps.setString(1, username);
                ps.setString(2, passwordHash);
                ps.setString(3, String.join(",", roles));
                ps.setTimestamp(4, Timestamp.from(at));
                return ps.executeUpdate();
            }
        });
    }
}
