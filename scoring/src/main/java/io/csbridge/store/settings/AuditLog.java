package io.csbridge.store.settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Who changed what, when, from what to what. Written in the same transaction as the change. */
public final class AuditLog {

    public record Entry(long id, Instant at, String actor, String action, String subject, String before, String after) {
    }

    public void record(Connection c, Instant at, String actor, String action, String subject, String before,
                       String after) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (at, actor, action, subject, "
                + "before_value, after_value) VALUES (?,?,?,?,?,?)")) {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setString(2, actor);
            ps.setString(3, action);
            ps.setString(4, subject);
            ps.setString(5, before);
            ps.setString(6, after);
            ps.executeUpdate();
        }
    }

    public List<Entry> recent(Connection c, String subject, int limit) throws SQLException {
        List<Entry> out = new ArrayList<>();
        String sql = "SELECT id, at, actor, action, subject, before_value, after_value FROM audit_log"
                + (subject == null ? "" : " WHERE subject = ?") + " ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (subject != null) ps.setString(1, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7)));
                }
            }
        }
        return out;
    }
}
