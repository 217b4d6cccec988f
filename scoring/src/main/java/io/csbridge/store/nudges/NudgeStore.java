package io.csbridge.store.nudges;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.nudge.NudgeDefinitions;
import io.csbridge.json.Json;
import io.csbridge.store.Database;
import io.csbridge.store.account.AccountDirectory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What nudges need from the database: the user's account (by the product's groupId), whether a CS
 * alert on it is open, and the experiment's exposures (table {@code nudge_exposure}). The definitions
 * themselves are versioned settings ({@code settings_version}, name {@link #SETTINGS_NAME}).
 */
public final class NudgeStore {

    public static final String SETTINGS_NAME = "nudges";

    /** One user entering one nudge's experiment. */
    public record Exposure(String nudgeId, String userId, String accountId, String arm, Instant firstAt) {
    }

    private final Database db;

    public NudgeStore(Database db) {
        this.db = db;
    }

    /**
     * Reads definitions from JSON ({@code {"nudges":[...]}}; the {@code version}, {@code savedAt} and
     * {@code savedBy} that {@code GET} adds are ignored, so its answer can be sent back). Unknown fields are
     * refused: a misspelt targeting condition must not quietly target everyone.
     *
     * @throws IllegalArgumentException when it is not JSON of nudges
     */
    public static NudgeDefinitions parse(String body) {
        try {
            var tree = Json.MAPPER.readTree(body);
            if (tree == null || !tree.isObject()) throw new IllegalArgumentException("a JSON object {\"nudges\":[...]} is required");
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove(java.util.List.of("version", "savedAt", "savedBy"));
            NudgeDefinitions d = Json.MAPPER.readerFor(NudgeDefinitions.class)
                    .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(tree);
            if (d == null) throw new IllegalArgumentException("no nudges");
            return d;
        } catch (java.io.IOException e) {
            String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new IllegalArgumentException(why, e);
        }
    }

    /** The account of a product user: by groupId when given, else by the user id a group call tied to one. */
    public Optional<String> accountOf(String groupId, String userId) {
        AccountKey key = groupId != null && !groupId.isBlank() ? AccountKey.product(groupId) : AccountKey.productUser(userId);
        return db.inTransaction(c -> new AccountDirectory(db).find(c, key));
    }

    /** The account's signal version (replaced whenever its signals change), or empty when there is no such account. */
    public Optional<Long> signalVersion(String accountId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT signal_version FROM account WHERE id = ?")) {
                ps.setString(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }

    /** How long an alert nobody acknowledged counts as open. */
    public static final java.time.Duration ALERT_OPEN_FOR = java.time.Duration.ofDays(14);

    /**
     * Whether a CS alert on the account was open at {@code at}: it fired in the {@link #ALERT_OPEN_FOR}
     * before and nobody had acknowledged it by then.
     */
    public boolean alertOpen(String accountId, Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alert WHERE account_id = ? AND fired_at >= ? "
                    + "AND fired_at <= ? AND (acknowledged_at IS NULL OR acknowledged_at > ?) FETCH FIRST 1 ROWS ONLY")) {
                ps.setString(1, accountId);
                ps.setTimestamp(2, Timestamp.from(at.minus(ALERT_OPEN_FOR)));
                ps.setTimestamp(3, Timestamp.from(at));
                ps.setTimestamp(4, Timestamp.from(at));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Records that the user entered the nudge's experiment in {@code arm}; the first entry stays. */
    public void expose(Exposure e) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(db.dialect().insertIgnoring("nudge_exposure",
                    "nudge_id, user_id, account_id, arm, first_at", "nudge_id, user_id"))) {
                ps.setString(1, e.nudgeId());
                ps.setString(2, e.userId());
                ps.setString(3, e.accountId());
                ps.setString(4, e.arm());
                ps.setTimestamp(5, Timestamp.from(e.firstAt()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<Exposure> exposures() {
        return db.inTransaction(c -> {
            List<Exposure> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT nudge_id, user_id, account_id, arm, first_at "
                    + "FROM nudge_exposure ORDER BY nudge_id, first_at")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Exposure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getTimestamp(5).toInstant()));
                    }
                }
            }
            return out;
        });
    }
}
