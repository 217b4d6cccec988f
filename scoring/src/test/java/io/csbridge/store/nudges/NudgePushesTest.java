package io.csbridge.store.nudges;

import io.csbridge.domain.nudge.Impression;
import io.csbridge.store.Database;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What push mode keeps and reads, on the real database (H2 here, PostgreSQL when DB_URL is set). */
class NudgePushesTest {

    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    final Database db = TestDatabase.fresh();
    final NudgePushes pushes = new NudgePushes(db);

    @Test
    void aPushIsQueuedOncePerKeyAndReadBackAsTheUsersImpression() {
        Map<String, Object> payload = Map.of("pushId", "nudge:setup:ann:0", "nudge", Map.of("id", "setup", "title", "Invite"));
        assertThat(pushes.queue("acme", "ann", payload, AT, "nudge:setup:ann:0")).isTrue();
        assertThat(pushes.queue("acme", "ann", payload, AT.plusSeconds(2), "nudge:setup:ann:0")).as("another node, same push").isFalse();
        assertThat(pushes.pushed("acme", "ann")).containsExactly(new Impression("setup", AT));
        assertThat(pushes.pushed("acme", "bob")).isEmpty();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE channel = 'nudges' AND status = 'PENDING'")).isEqualTo(1);
    }

    @Test
    void theActiveUsersAreThoseBehindRecentActivitySignalsAfterTheFloor() {
        account("acme", "acme-group");
        long first = signal(1, "acme", "PRODUCT_EVENT", "ann", AT.minus(Duration.ofHours(2)));
        signal(2, "acme", "PRODUCT_EVENT", "bob", AT);
        signal(3, "acme", "PAGE_VIEW", "bob", AT);
        signal(4, "acme", "ALERT_ACTION", "U0SLACK", AT);
        signal(5, "acme", "ACCOUNT_TRAITS", "", AT);
        assertThat(pushes.activeAfter(0, AT.minus(Duration.ofMinutes(30)), 100))
                .containsExactly(new NudgePushes.ActiveUser("acme", "bob"));
        assertThat(pushes.activeAfter(0, AT.minus(Duration.ofHours(3)), 100)).hasSize(2);
        assertThat(pushes.activeAfter(pushes.newestSignal(), AT.minus(Duration.ofHours(3)), 100)).isEmpty();
        assertThat(pushes.newestSignal()).isGreaterThan(first);
        assertThat(pushes.groupIdOf("acme")).hasValue("acme-group");
        assertThat(pushes.groupIdOf("globex")).isEmpty();
    }

    private void account(String id, String groupId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO account (id, created_at, first_seen) VALUES (?,?,?)")) {
                ps.setString(1, id);
                ps.setTimestamp(2, Timestamp.from(AT));
                ps.setTimestamp(3, Timestamp.from(AT));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_key (kind, key_value, account_id) VALUES ('product',?,?)")) {
                ps.setString(1, groupId);
                ps.setString(2, id);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private long signal(int n, String account, String kind, String user, Instant at) {
        return db.inTransaction(c -> {
            long inbox;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbox_event (source, dedupe_key, event_time, received_at, "
                    + "payload, signals, status) VALUES ('usage',?,?,?,'{}','[]','DONE')", new String[] {"id"})) {
                ps.setString(1, "m" + n);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setTimestamp(3, Timestamp.from(at));
                ps.executeUpdate();
                try (var keys = ps.getGeneratedKeys()) {
                    keys.next();
                    inbox = keys.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO signal (inbox_id, seq, account_id, kind, occurred_at, name, "
                    + "user_ref, attributes) VALUES (?,0,?,?,?,'x',?,'{}')", new String[] {"id"})) {
                ps.setLong(1, inbox);
                ps.setString(2, account);
                ps.setString(3, kind);
                ps.setTimestamp(4, Timestamp.from(at));
                ps.setString(5, user);
                ps.executeUpdate();
                try (var keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }
}
