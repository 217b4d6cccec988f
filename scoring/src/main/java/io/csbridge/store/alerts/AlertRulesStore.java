package io.csbridge.store.alerts;

import io.csbridge.domain.settings.InvalidDefinition;
import io.csbridge.store.Transaction;

import io.csbridge.store.settings.SettingsStore;

import io.csbridge.domain.alerting.Alert;
import io.csbridge.domain.alerting.AlertRules;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.csbridge.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.logging.Logger;

/**
 * The alert rules in force: the highest version of {@code alert-rules} in {@code settings_version}
 * (saved through the admin API), else {@link AlertRules#defaults()}. The parsed rules are kept until a
 * newer version appears, so reading them once per batch costs one indexed query.
 */
public final class AlertRulesStore {

    public static final String NAME = io.csbridge.store.settings.SettingsStore.ALERT_RULES;
    private static final Logger LOG = Logger.getLogger(AlertRulesStore.class.getName());

    private int cachedVersion = Integer.MIN_VALUE;
    private AlertRules cached = AlertRules.defaults();

    /** The rules in force as {@code c} sees them. A version that cannot be read leaves the last good rules in force. */
    public synchronized AlertRules current(Connection c) throws SQLException {
        int latest;
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM settings_version WHERE name = ?")) {
            ps.setString(1, NAME);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                latest = rs.getInt(1);
                if (rs.wasNull()) {
                    cachedVersion = Integer.MIN_VALUE;
                    cached = AlertRules.defaults();
                    return cached;
                }
            }
        }
        if (latest == cachedVersion) return cached; // the usual case: the version number only, every node, every batch
        try (PreparedStatement ps = c.prepareStatement("SELECT version, body FROM settings_version WHERE name = ? AND version = ?")) {
            ps.setString(1, NAME);
            ps.setInt(2, latest);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                int version = rs.getInt(1);
                String body = rs.getString(2);
                try {
                    AlertRules rules = parse(body);
                    cached = rules;
                    cachedVersion = version;
                } catch (IllegalArgumentException e) {
                    LOG.warning(() -> "alert-rules version " + version + " cannot be read, keeping the rules in force: "
                            + e.getMessage());
                    cachedVersion = version;
                }
                return cached;
            }
        }
    }

    /**
     * Reads the JSON body of {@link AlertRules}.
     *
     * @throws IllegalArgumentException when it is not JSON of alert rules
     * @throws InvalidRulesException when it is, but {@link AlertRules#problems()} finds something wrong
     */
    public static AlertRules parse(String body) {
        AlertRules rules;
        try {
            rules = Json.MAPPER.readValue(body, AlertRules.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        if (rules == null) throw new IllegalArgumentException("no rules");
        java.util.List<String> problems = rules.problems();
        if (!problems.isEmpty()) throw new InvalidRulesException(problems);
        return rules;
    }

    /** Alert rules that parse but cannot be used, with every problem. */
    public static final class InvalidRulesException extends InvalidDefinition {
        public InvalidRulesException(java.util.List<String> problems) {
            super(problems);
        }
    }

    /** {@link #current(Connection)} on a stage's transaction. */
    public AlertRules current(Transaction tx) {
        return tx.sql(this::current);
    }
}
