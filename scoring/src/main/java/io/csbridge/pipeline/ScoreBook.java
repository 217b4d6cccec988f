package io.csbridge.pipeline;

import io.csbridge.health.AccountScore;
import io.csbridge.health.AccountSummary;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;

/** Keeps each account's latest score and one history row per day. */
public final class ScoreBook {

    /** The account's latest saved score, drivers included, if it was ever scored. */
    public java.util.Optional<AccountScore> latest(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT health_score, band, churn_risk, onboarding_completion, "
                + "segment, trend, drivers, as_of FROM account_score WHERE account_id = ?")) {
            ps.setString(1, accountId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return java.util.Optional.empty();
                int trend = rs.getInt(6);
                Integer trendOrNull = rs.wasNull() ? null : trend;
                return java.util.Optional.of(new AccountScore(rs.getInt(1), io.csbridge.health.Band.fromLabel(rs.getString(2)),
                        rs.getInt(3), rs.getInt(4), rs.getString(5), trendOrNull, drivers(rs.getString(7)), null,
                        rs.getTimestamp(8).toInstant()));
            }
        }
    }

    private static java.util.List<io.csbridge.health.Driver> drivers(String json) {
        try {
            return java.util.List.of(Json.MAPPER.readValue(json, io.csbridge.health.Driver[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return java.util.List.of(); // older rows: the rules compare bands and numbers, not drivers
        }
    }

    public void save(Connection c, String accountId, AccountScore score) throws SQLException {
        save(c, accountId, score, AccountSummary.UNKNOWN);
    }

    public void save(Connection c, String accountId, AccountScore score, AccountSummary summary) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM account_score WHERE account_id = ?")) {
            del.setString(1, accountId);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_score (account_id, health_score, band, "
                + "churn_risk, onboarding_completion, segment, trend, drivers, as_of, owner, arr, onboarding_state, summary) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, accountId);
            ps.setInt(2, score.healthScore());
            ps.setString(3, score.band().label());
            ps.setInt(4, score.churnRisk());
            ps.setInt(5, score.onboardingCompletion());
            ps.setString(6, score.segment());
            if (score.trend() == null) ps.setNull(7, Types.INTEGER); else ps.setInt(7, score.trend());
            ps.setString(8, Json.write(score.drivers()));
            ps.setTimestamp(9, Timestamp.from(score.asOf()));
            ps.setString(10, summary.owner());
            if (summary.arr() == null) ps.setNull(11, Types.DOUBLE); else ps.setDouble(11, summary.arr());
            ps.setString(12, summary.onboardingState());
            ps.setString(13, Json.write(summary));
            ps.executeUpdate();
        }
        Date day = Date.valueOf(score.asOf().atOffset(ZoneOffset.UTC).toLocalDate());
        try (PreparedStatement del = c.prepareStatement("DELETE FROM score_history WHERE account_id = ? AND score_day = ?")) {
            del.setString(1, accountId);
            del.setDate(2, day);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO score_history (account_id, score_day, health_score, band, "
                + "churn_risk) VALUES (?,?,?,?,?)")) {
            ps.setString(1, accountId);
            ps.setDate(2, day);
            ps.setInt(3, score.healthScore());
            ps.setString(4, score.band().label());
            ps.setInt(5, score.churnRisk());
            ps.executeUpdate();
        }
    }
}
