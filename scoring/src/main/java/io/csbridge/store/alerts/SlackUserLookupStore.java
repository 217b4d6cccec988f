package io.csbridge.store.alerts;

import io.csbridge.store.Database;

import io.csbridge.domain.alerting.AlertMemoryUnavailable;
import io.csbridge.domain.alerting.SlackUserLookups;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.Locale;
import java.util.Optional;

/** Slack's answers to e-mail lookups in table {@code slack_user_lookup}, keyed by the address in lower case. */
public final class SlackUserLookupStore implements SlackUserLookups {

    private final Database db;

    public SlackUserLookupStore(Database db) {
        this.db = db;
    }

    @Override
    public Optional<Answer> last(String email) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT slack_user_id, looked_up_at FROM slack_user_lookup WHERE email = ?")) {
                ps.setString(1, key(email));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Answer(rs.getString(1), rs.getTimestamp(2).toInstant())) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void remember(String email, Answer answer) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE slack_user_lookup SET slack_user_id = ?, looked_up_at = ? WHERE email = ?")) {
                ps.setString(1, answer.slackUserId());
                ps.setTimestamp(2, Timestamp.from(answer.at()));
                ps.setString(3, key(email));
                if (ps.executeUpdate() > 0) return null;
            }
            // first answer for this address (another node inserting it at the same moment wins: same answer)
            try (PreparedStatement ps = c.prepareStatement(db.dialect().insertIgnoring("slack_user_lookup",
                    "email, slack_user_id, looked_up_at", "email"))) {
                ps.setString(1, key(email));
                ps.setString(2, answer.slackUserId());
                ps.setTimestamp(3, Timestamp.from(answer.at()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** One short transaction; a database failure is the port's {@link AlertMemoryUnavailable}. */
    private <T> T inTransaction(Database.Work<T> work) {
        try {
            return db.inTransaction(work);
        } catch (Database.DatabaseException e) {
            throw new AlertMemoryUnavailable(e.getMessage(), e);
        }
    }

    private static String key(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
