package io.csbridge.store.account;

import io.csbridge.store.Transaction;

import io.csbridge.json.Json;

import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.score.Band;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Keeps each account's latest score and one history row per day. */
public final class ScoreBook {

    /** The account's latest saved score, drivers included, if it was ever scored. */
    public Optional<AccountScore> latest(Connection c, String accountId) throws SQLException {
        return Optional.ofNullable(latest(c, List.of(accountId)).get(accountId));
    }

    /** The latest saved score of each account that was ever scored, in one query. */
    public Map<String, AccountScore> latest(Connection c, Collection<String> accountIds) throws SQLException {
        Map<String, AccountScore> out = new HashMap<>();
        if (accountIds.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id, health_score, band, churn_risk, "
                + "onboarding_completion, segment, trend, drivers, as_of FROM account_score WHERE account_id = ANY(?)")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", accountIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int trend = rs.getInt(7);
                    Integer trendOrNull = rs.wasNull() ? null : trend;
                    out.put(rs.getString(1), new AccountScore(rs.getInt(2), Band.fromLabel(rs.getString(3)), rs.getInt(4),
                            rs.getInt(5), rs.getString(6), trendOrNull, drivers(rs.getString(8)), null,
                            rs.getTimestamp(9).toInstant()));
                }
            }
        }
        return out;
    }

    private static java.util.List<io.csbridge.domain.score.Driver> drivers(String json) {
        try {
            return java.util.List.of(Json.MAPPER.readValue(json, io.csbridge.domain.score.Driver[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            return java.util.List.of(); // older rows: the rules compare bands and numbers, not drivers
        }
    }

    public void save(Connection c, String accountId, AccountScore score) throws SQLException {
        save(c, accountId, score, AccountSummary.UNKNOWN);
    }

    public void save(Connection c, String accountId, AccountScore score, AccountSummary summary) throws SQLException {
        saveAll(c, List.of(new Scored(accountId, score, summary)));
    }

    /** One account's new score and summary. */
    public record Scored(String accountId, AccountScore score, AccountSummary summary) {
    }

    /** Saves every score and its day's history row, in four batched statements whatever the number of accounts. */
    public void saveAll(Connection c, List<Scored> scored) throws SQLException {
        if (scored.isEmpty()) return;
        try (PreparedStatement del = c.prepareStatement("DELETE FROM account_score WHERE account_id = ?")) {
            for (Scored s : scored) {
                del.setString(1, s.accountId());
                del.addBatch();
            }
            del.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_score (account_id, health_score, band, "
                + "churn_risk, onboarding_completion, segment, trend, drivers, as_of, owner, arr, onboarding_state, summary, at_risk) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (Scored s : scored) {
                AccountScore score = s.score();
                AccountSummary summary = s.summary();
                ps.setString(1, s.accountId());
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
                ps.setDouble(14, (summary.arr() == null ? 0 : summary.arr()) * score.churnRisk() / 100.0); // the at-risk order
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM score_history WHERE account_id = ? AND score_day = ?")) {
            for (Scored s : scored) {
                del.setString(1, s.accountId());
                del.setDate(2, day(s.score()));
                del.addBatch();
            }
            del.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO score_history (account_id, score_day, health_score, band, "
                + "churn_risk) VALUES (?,?,?,?,?)")) {
            for (Scored s : scored) {
                ps.setString(1, s.accountId());
                ps.setDate(2, day(s.score()));
                ps.setInt(3, s.score().healthScore());
                ps.setString(4, s.score().band().label());
                ps.setInt(5, s.score().churnRisk());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Date day(AccountScore score) {
        return Date.valueOf(score.asOf().atOffset(ZoneOffset.UTC).toLocalDate());
    }

    // The same operations on a stage's transaction.

    public Map<String, AccountScore> latest(Transaction tx, Collection<String> accountIds) {
        return tx.sql(c -> latest(c, accountIds));
    }

    public void saveAll(Transaction tx, List<Scored> scored) {
        tx.sql(c -> {
            saveAll(c, scored);
            return null;
        });
    }

    /** The owner trait the account's latest score was read with, or null. */
    public String owner(Transaction tx, String accountId) {
        return tx.sql(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT owner FROM account_score WHERE account_id = ?")) {
                ps.setString(1, accountId);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }
}
