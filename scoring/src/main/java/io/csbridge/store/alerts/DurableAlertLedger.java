package io.csbridge.store.alerts;

import io.csbridge.store.Database;
import io.csbridge.store.Dialect;
import io.csbridge.store.Transaction;

import io.csbridge.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.csbridge.domain.alerting.Alert;
import io.csbridge.domain.alerting.AlertLedger;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The alert ledger in the database (tables {@code alert} and {@code alert_snooze}), inside the caller's
 * transaction: an alert recorded here and the outbox row that sends it commit together or not at all.
 * Each recorded alert gets a short numeric id, the one Slack buttons carry ({@link #idOf}).
 */
public final class DurableAlertLedger implements AlertLedger {

    private static final TypeReference<TreeMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final Connection c;
    private final Dialect dialect;
    private final Instant now;
    private final Map<String, Long> ids = new HashMap<>();

    /** @param now the transaction's time, stamped on what it changes */
    public DurableAlertLedger(Connection c, Dialect dialect, Instant now) {
        this.c = c;
        this.dialect = dialect;
        this.now = now;
    }

    /** A ledger on a stage's transaction. */
    public DurableAlertLedger(Transaction tx, Dialect dialect, Instant now) {
        this(tx.connection(), dialect, now);
    }

    /** The stored id of an alert recorded through this ledger, by the id the engine gave it. */
    public Optional<Long> idOf(Alert alert) {
        return Optional.ofNullable(ids.get(alert.id()));
    }

    @Override
    public Optional<Instant> lastFired(String dedupeKey) {
        return query("SELECT MAX(fired_at) FROM alert WHERE dedupe_key = ?", ps -> ps.setString(1, dedupeKey), rs -> {
            Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
            return Optional.ofNullable(t).map(Timestamp::toInstant);
        });
    }

    @Override
    public int sentToOwner(String owner, LocalDate day) {
        return query("SELECT COUNT(*) FROM alert WHERE owner = ? AND alert_day = ? AND outcome = 'SEND'", ps -> {
            ps.setString(1, owner);
            ps.setDate(2, Date.valueOf(day));
        }, rs -> rs.next() ? rs.getInt(1) : 0);
    }

    @Override
    public Optional<Instant> snoozedUntil(String accountId) {
        return query("SELECT until_at FROM alert_snooze WHERE account_id = ?", ps -> ps.setString(1, accountId),
                rs -> rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty());
    }

    @Override
    public void sent(Alert alert, LocalDate day) {
        record(alert, day, "SEND");
    }

    @Override
    public void deferred(Alert alert, LocalDate day) {
        record(alert, day, "DIGEST");
    }

    private void record(Alert alert, LocalDate day, String outcome) {
        Long existing = query("SELECT id FROM alert WHERE fired_key = ?", ps -> ps.setString(1, alert.id()),
                rs -> rs.next() ? rs.getLong(1) : null);
        if (existing != null) {
            ids.put(alert.id(), existing);
            return;
        }
        run(() -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert (fired_key, dedupe_key, account_id, owner, "
                    + "rule_id, outcome, alert_day, payload, fired_at) VALUES (?,?,?,?,?,?,?,?,?)", new String[]{"id"})) {
                ps.setString(1, alert.id());
                ps.setString(2, alert.dedupeKey());
                ps.setString(3, alert.accountId());
                ps.setString(4, alert.owner());
                ps.setString(5, alert.ruleId());
                ps.setString(6, outcome);
                ps.setDate(7, Date.valueOf(day));
                ps.setString(8, Json.write(alert.toFields()));
                ps.setTimestamp(9, Timestamp.from(alert.at()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    ids.put(alert.id(), keys.getLong(1));
                }
            }
            return null;
        });
    }

    @Override
    public void snooze(String accountId, Instant until) {
        Optional<Instant> current = snoozedUntil(accountId);
        if (current.isPresent() && !until.isAfter(current.get())) return;
        run(() -> {
            String sql = current.isPresent() ? "UPDATE alert_snooze SET until_at = ? WHERE account_id = ?"
                    : "INSERT INTO alert_snooze (until_at, account_id) VALUES (?,?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setTimestamp(1, Timestamp.from(until));
                ps.setString(2, accountId);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Takes the alerts deferred on {@code day} that no digest holds yet, marking them taken. Rows are
     * locked, so two nodes never put the same alert in two digests.
     */
    @Override
    public List<Alert> drainDigest(LocalDate day) {
        List<Alert> out = new ArrayList<>();
        List<Long> taken = new ArrayList<>();
        run(() -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, payload FROM alert WHERE outcome = 'DIGEST' "
                    + "AND digested_at IS NULL AND alert_day = ? ORDER BY id" + dialect.skipLocked())) {
                ps.setDate(1, Date.valueOf(day));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        taken.add(rs.getLong(1));
                        out.add(Alert.fromFields(fields(rs.getString(2))).withId(String.valueOf(rs.getLong(1))));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET digested_at = ? WHERE id = ?")) {
                for (Long id : taken) {
                    ps.setTimestamp(1, Timestamp.from(now));
                    ps.setLong(2, id);
                    ps.addBatch();
                }
                if (!taken.isEmpty()) ps.executeBatch();
            }
            return null;
        });
        return out;
    }

    @Override
    public void acknowledge(String alertId, String by, Instant at) {
        Long id = numeric(alertId);
        if (id == null) return;
        run(() -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET acknowledged_by = ?, acknowledged_at = ? "
                    + "WHERE id = ? AND acknowledged_at IS NULL")) {
                ps.setString(1, by);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Notes what a person did with the alert, whatever the button. */
    public void acted(String alertId, String action, String by, Instant at) {
        Long id = numeric(alertId);
        if (id == null) return;
        run(() -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE alert SET last_action = ?, last_action_by = ?, "
                    + "last_action_at = ? WHERE id = ?")) {
                ps.setString(1, action);
                ps.setString(2, by);
                ps.setTimestamp(3, Timestamp.from(at));
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
    }

    /** A stored alert by the id its buttons carry. */
    public Optional<Alert> find(String alertId) {
        Long id = numeric(alertId);
        if (id == null) return Optional.empty();
        return query("SELECT payload FROM alert WHERE id = ?", ps -> ps.setLong(1, id),
                rs -> rs.next() ? Optional.of(Alert.fromFields(fields(rs.getString(1))).withId(alertId)) : Optional.empty());
    }

    /** Days before {@code today} with deferred alerts no digest holds yet, oldest first. */
    public List<LocalDate> undigestedDaysBefore(LocalDate today) {
        return query("SELECT DISTINCT alert_day FROM alert WHERE outcome = 'DIGEST' AND digested_at IS NULL "
                + "AND alert_day < ? ORDER BY alert_day", ps -> ps.setDate(1, Date.valueOf(today)), rs -> {
            List<LocalDate> days = new ArrayList<>();
            while (rs.next()) days.add(rs.getDate(1).toLocalDate());
            return days;
        });
    }

    private static Long numeric(String alertId) {
        try {
            return alertId == null ? null : Long.parseLong(alertId);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Map<String, Object> fields(String json) {
        try {
            return Json.MAPPER.readValue(json, FIELDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("alert payload is not JSON", e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> T query(String sql, Binder binder, Reader<T> reader) {
        return run(() -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return reader.read(rs);
                }
            }
        });
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    /** The ledger interface has no checked exceptions: a database error rolls the caller's transaction back. */
    private static <T> T run(Sql<T> work) {
        try {
            return work.run();
        } catch (SQLException e) {
            throw new Database.DatabaseException(e);
        }
    }
}
