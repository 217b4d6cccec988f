package io.csbridge.store.alerts;

import io.csbridge.store.Transaction;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.csbridge.domain.alerting.AccountFacts;
import io.csbridge.json.Json;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The {@code alert_account_facts} table: what the alert rules read about each account last time, so that
 * the next rescore compares against it.
 */
public final class AlertFactsStore {

    private static final Logger LOG = Logger.getLogger(AlertFactsStore.class.getName());

    /**
     * The stored facts of these accounts: present when a row exists (empty when it cannot be read, so it
     * is overwritten rather than inserted again).
     */
    public Map<String, Optional<AccountFacts>> stored(Transaction tx, List<String> accountIds) {
        return tx.sql(c -> {
            Map<String, Optional<AccountFacts>> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT account_id, facts FROM alert_account_facts WHERE account_id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("VARCHAR", accountIds.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String accountId = rs.getString(1);
                        try {
                            out.put(accountId, Optional.of(Json.MAPPER.readValue(rs.getString(2), AccountFacts.class)));
                        } catch (JsonProcessingException e) {
                            out.put(accountId, Optional.empty());
                            LOG.warning(() -> "stored alert facts of " + accountId + " are unreadable; starting afresh");
                        }
                    }
                }
            }
            return out;
        });
    }

    /** Saves the facts in two batches: the updates of stored rows, then the inserts of new ones. */
    public void save(Transaction tx, Map<String, AccountFacts> updates, Map<String, AccountFacts> inserts) {
        tx.sql(c -> {
            save(c, "UPDATE alert_account_facts SET facts = ? WHERE account_id = ?", updates);
            save(c, "INSERT INTO alert_account_facts (facts, account_id) VALUES (?,?)", inserts);
            return null;
        });
    }

    private static void save(java.sql.Connection c, String sql, Map<String, AccountFacts> facts)
            throws java.sql.SQLException {
        if (facts.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (Map.Entry<String, AccountFacts> e : facts.entrySet()) {
                ps.setString(1, Json.write(e.getValue()));
                ps.setString(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
