package io.csbridge.store.nudges;

import io.csbridge.domain.nudge.Nudge;
import io.csbridge.domain.nudge.NudgeDefinitions;
import io.csbridge.domain.nudge.NudgeGoal;
import io.csbridge.domain.nudge.NudgeMessage;
import io.csbridge.domain.nudge.Targeting;
import io.csbridge.json.Json;
import io.csbridge.store.Database;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What nudges keep and read, on the real database (H2 here, PostgreSQL when DB_URL is set). */
class NudgeStoreTest {

    static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");
    final Database db = TestDatabase.fresh();
    final NudgeStore store = new NudgeStore(db);

    @Test
    void aUsersFirstArmInANudgeStaysWhenAnotherNodeRecordsIt() {
        store.expose(new NudgeStore.Exposure("setup", "u1", "acme", "HOLDOUT", AT));
        store.expose(new NudgeStore.Exposure("setup", "u1", "acme", "SHOWN", AT.plusSeconds(60)));
        store.expose(new NudgeStore.Exposure("tour", "u1", "acme", "SHOWN", AT.plusSeconds(90)));
        assertThat(store.exposures()).containsExactly(
                new NudgeStore.Exposure("setup", "u1", "acme", "HOLDOUT", AT),
                new NudgeStore.Exposure("tour", "u1", "acme", "SHOWN", AT.plusSeconds(90)));
    }

    @Test
    void anAlertIsOpenFromFiringUntilAcknowledgedForAtMostFourteenDays() {
        alert(1, "acme", AT, null);
        alert(2, "globex", AT, AT.plus(Duration.ofHours(2)));
        assertThat(store.alertOpen("acme", AT.minusSeconds(1))).isFalse();
        assertThat(store.alertOpen("acme", AT.plus(Duration.ofDays(13)))).isTrue();
        assertThat(store.alertOpen("acme", AT.plus(Duration.ofDays(15)))).isFalse();
        assertThat(store.alertOpen("globex", AT.plus(Duration.ofHours(1)))).isTrue();
        assertThat(store.alertOpen("globex", AT.plus(Duration.ofHours(3)))).isFalse();
        assertThat(store.alertOpen("initech", AT)).isFalse();
    }

    @Test
    void definitionsReadBackAsWrittenAndUnknownFieldsAreRefused() {
        NudgeDefinitions defs = new NudgeDefinitions(List.of(new Nudge("setup", true,
                Map.of("en", new NudgeMessage("Invite", "Together", "Go", "/team"), "ja", new NudgeMessage("招待", "", "", "")),
                new Targeting("SMB", "Red", "onboarding", "invite_team", 7, Map.of("plan", "pro")),
                new NudgeGoal("Team Invited", ""), 3, true)));
        assertThat(NudgeStore.parse(Json.write(defs))).isEqualTo(defs);
        assertThatThrownBy(() -> NudgeStore.parse("{\"nudges\":[{\"id\":\"x\",\"colour\":\"red\"}]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NudgeStore.parse("null")).isInstanceOf(IllegalArgumentException.class);
        assertThat(NudgeStore.parse("{\"version\":3,\"savedAt\":\"2026-03-01T12:00:00Z\",\"savedBy\":\"ann\",\"nudges\":[]}").nudges())
                .as("GET's answer can be sent back").isEmpty();
    }

    private void alert(long id, String account, Instant firedAt, Instant acknowledgedAt) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO alert (id, fired_key, dedupe_key, account_id, rule_id, "
                    + "outcome, alert_day, payload, fired_at, acknowledged_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
                ps.setLong(1, id);
                ps.setString(2, "r:" + account + ":" + id);
                ps.setString(3, "r:" + account);
                ps.setString(4, account);
                ps.setString(5, "r");
                ps.setString(6, "SEND");
                ps.setDate(7, java.sql.Date.valueOf("2026-03-01"));
                ps.setString(8, "{}");
                ps.setTimestamp(9, Timestamp.from(firedAt));
                ps.setTimestamp(10, acknowledgedAt == null ? null : Timestamp.from(acknowledgedAt));
                ps.executeUpdate();
            }
            return null;
        });
    }
}
