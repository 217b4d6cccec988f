package io.csbridge.testing;

import io.csbridge.store.Database;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Accounts and scores written straight into the processor's tables, as the processor leaves them: what
 * the account health look-up reads (its store test here, the Slack {@code /health} command in webhooks).
 */
public final class ScoredAccounts {

    public static final Instant AS_OF = Instant.parse("2026-01-31T06:00:00Z");
    public static final String ACME_DRIVERS = """
            [{"measure":"Product usage","value":35.0,"contribution":-18.5,"explanation":"logins fell 60% in 30 days","inputs":{}},
             {"measure":"Support","value":80.0,"contribution":4.0,"explanation":"no urgent tickets","inputs":{}},
             {"measure":"NPS","value":20.0,"contribution":-9.0,"explanation":"latest answer 3 (detractor)","inputs":{}},
             {"measure":"Seats","value":90.0,"contribution":1.0,"explanation":"45 of 50 seats used","inputs":{}}]""";

    private ScoredAccounts() {
    }

    public static void account(Database database, String id, String name, String... keys) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO account (id, name, created_at, first_seen) VALUES (?,?,?,?)")) {
                ps.setString(1, id);
                ps.setString(2, name);
                ps.setTimestamp(3, Timestamp.from(AS_OF));
                ps.setTimestamp(4, Timestamp.from(AS_OF));
                ps.executeUpdate();
            }
            for (String key : keys) {
                String[] kindValue = key.split("=", 2);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_key (kind, key_value, account_id) VALUES (?,?,?)")) {
                    ps.setString(1, kindValue[0]);
                    ps.setString(2, kindValue[1]);
                    ps.setString(3, id);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    public static void score(Database database, String id, int health, String band, Integer trend, String drivers) {
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_score (account_id, health_score, band, churn_risk, "
                    + "onboarding_completion, segment, trend, drivers, as_of) VALUES (?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, id);
                ps.setInt(2, health);
                ps.setString(3, band);
                ps.setInt(4, 64);
                ps.setInt(5, 75);
                ps.setString(6, "high-touch");
                if (trend == null) ps.setNull(7, java.sql.Types.INTEGER); else ps.setInt(7, trend);
                ps.setString(8, drivers);
                ps.setTimestamp(9, Timestamp.from(AS_OF));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Acme (scored, Red), Acorn Labs and Acme Europe (name-alikes), Newco (not scored yet). */
    public static void seed(Database database) {
        account(database, "001Dn00000ACMEAAA", "Acme Corp", "salesforce=001Dn00000ACMEAAA", "domain=acme.com", "zendesk=9001");
        score(database, "001Dn00000ACMEAAA", 38, "Red", -12, ACME_DRIVERS);
        account(database, "acorn-1", "Acorn Labs", "product=acorn-1", "domain=acorn.io");
        score(database, "acorn-1", 81, "Green", null, "[]");
        account(database, "acme-eu", "Acme Europe <GmbH>", "product=acme-eu");
        score(database, "acme-eu", 70, "Yellow", 3, "[]");
        account(database, "newco.com", null, "domain=newco.com");
    }
}
