package io.csbridge.alerts;

import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.processing.EventProcessor;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.testing.TestDatabase;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.alerting.AlertKind;
import io.csbridge.domain.alerting.AlertRule;
import io.csbridge.domain.alerting.AlertRules;
import io.csbridge.store.alerts.AlertRulesStore;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.scoring.AccountScorer;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts wired into the processor: previous vs new score, the durable ledger, plain Slack writes, presses, digests. */
class AlertPipelineTest {

    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    final Clock clock = new Clock() {
        public java.time.ZoneId getZone() { return ZoneOffset.UTC; }
        public Clock withZone(java.time.ZoneId zone) { return this; }
        public Instant instant() { return now.get(); }
    };
    final Database db = TestDatabase.fresh();
    final Inbox inbox = new Inbox(new InboxStore(db), clock, Thread::new, () -> { });
    final AccountAlerts alerts = new AccountAlerts(db.dialect(), new AlertRulesStore(),
            new AlertSettings(7, 8, Map.of("005OWNER000000001", "U0OWNER")));
    final EventProcessor processor = new EventProcessor(db, OutageScorer::new, List::of, clock, 50, alerts);
    int seq;

    @AfterEach
    void close() {
        inbox.close();
    }

    @Test
    void enteringRedQueuesOneSlackAlertWithItsButtonsIdAndNoneWhileItStaysRed() {
        accept(traits("acme", "Acme", "001ACME", "005OWNER000000001"));
        accept(event("acme", "Outage", NOW.minusSeconds(600)));
        processor.processBatch();
        List<Map<String, Object>> slack = slackWrites();
        assertThat(slack).hasSize(1);
        Map<String, Object> alert = slack.get(0);
        assertThat(alert).containsEntry("type", "alert").containsEntry("kind", "ENTERED_RED")
                .containsEntry("owner", "U0OWNER").containsEntry("salesforceId", "001ACME").containsEntry("accountId", "acme");
        assertThat(alert.get("alertId").toString()).matches("[0-9]+");
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM alert WHERE outcome = 'SEND'")).isEqualTo(1);

        accept(event("acme", "Outage", NOW.minusSeconds(300)));
        processor.processBatch();
        assertThat(slackWrites()).hasSize(1);
    }

    @Test
    void twoAlertsForOneAccountAreTwoWritesNotOneOverwritten() {
        accept(traits("acme", "Acme", "001ACME", "005OWNER000000001"));
        processor.processBatch();
        accept(event("acme", "Outage", NOW.minusSeconds(600)));
        accept(nps("acme", 2, NOW.minusSeconds(500)));
        processor.processBatch();
        assertThat(slackWrites()).extracting(w -> w.get("kind")).containsExactlyInAnyOrder("ENTERED_RED", "DETRACTOR_NPS");
    }

    @Test
    void anOwnerOverTheDailyCapGetsTheRestInTheNextMorningsDigestOnce() throws Exception {
        for (int i = 0; i < 7; i++) accept(traits("a" + i, "Account " + i, "001A" + i, "005OWNER000000001"));
        processor.processBatch();
        for (int i = 0; i < 7; i++) accept(event("a" + i, "Outage", NOW.minusSeconds(60)));
        processor.processBatch();
        assertThat(slackWrites()).hasSize(5); // the default cap
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM alert WHERE outcome = 'DIGEST'")).isEqualTo(2);

        assertThat(digestsNow()).isZero(); // the day is not over
        now.set(Instant.parse("2026-03-03T07:59:00Z"));
        assertThat(digestsNow()).isZero(); // before the digest hour
        now.set(Instant.parse("2026-03-03T08:00:00Z"));
        assertThat(digestsNow()).isEqualTo(1);
        assertThat(digestsNow()).isZero();
        List<Map<String, Object>> digests = slackWrites().stream().filter(w -> "digest".equals(w.get("type"))).toList();
        assertThat(digests).hasSize(1);
        assertThat(digests.get(0)).containsEntry("owner", "U0OWNER").containsEntry("day", "2026-03-02");
        assertThat((List<?>) digests.get(0).get("alerts")).hasSize(2);
    }

    @Test
    void createTaskQueuesOneSalesforceTaskForTheOwnerAndUpdatesTheMessage() {
        String alertId = redAlert();
        accept(press("cs_create_task", alertId, "acme", "1772445600.000100"));
        processor.processBatch();
        List<Map<String, Object>> tasks = writes("salesforce-task");
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0)).containsEntry("owner", "005OWNER000000001").containsEntry("alertId", alertId);
        assertThat(tasks.get(0).get("subject").toString()).contains("Acme");
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE channel = 'salesforce-task' AND target = '001ACME'"))
                .isEqualTo(1);
        Map<String, Object> update = slackWrites().stream().filter(w -> "action".equals(w.get("type"))).findFirst().orElseThrow();
        assertThat(update).containsEntry("action", "cs_create_task").containsEntry("user", "U0PRESSER")
                .containsEntry("channel", "C0ALERTS").containsEntry("ts", "1772445000.000200");
        assertThat(update.get("alert")).isInstanceOf(Map.class);

        // The same press delivered again by Slack is one inbox row: still one Task.
        accept(press("cs_create_task", alertId, "acme", "1772445600.000100"));
        processor.processBatch();
        assertThat(writes("salesforce-task")).hasSize(1);
    }

    @Test
    void theTaskIsWrittenInTheConfiguredLanguage() {
        EventProcessor japanese = new EventProcessor(db, OutageScorer::new, List::of, clock, 50, new AccountAlerts(db.dialect(),
                new AlertRulesStore(), new AlertSettings(7, 8, Map.of(), io.csbridge.domain.language.Language.JAPANESE)));
        accept(traits("acme", "Acme", "001ACME", "005OWNER000000001"));
        accept(event("acme", "Outage", NOW.minusSeconds(600)));
        japanese.processBatch();
        String alertId = slackWrites().get(0).get("alertId").toString();
        accept(press("cs_create_task", alertId, "acme", "1772445600.000100"));
        japanese.processBatch();
        String description = writes("salesforce-task").get(0).get("description").toString();
        assertThat(description).startsWith("アラート: ENTERED_RED(ルール ").contains("、解約リスク ").contains("Slackで ")
                .doesNotContain("Requested in Slack");
    }

    @Test
    void snoozeSilencesTheAccountForTheConfiguredDaysFromThePress() {
        String alertId = redAlert();
        Instant pressedAt = Instant.parse("2026-03-02T10:00:00Z");
        accept(press("cs_snooze", alertId, "acme", pressedAt.getEpochSecond() + ".000000"));
        processor.processBatch();
        Instant until = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT until_at FROM alert_snooze WHERE account_id = 'acme'");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getTimestamp(1).toInstant();
            }
        });
        assertThat(until).isEqualTo(pressedAt.plus(Duration.ofDays(7)));
        int before = slackWrites().size();
        // Back to Green and into Red again four days later: past the 72 h cooldown, but snoozed.
        now.set(NOW.plus(Duration.ofDays(4)));
        accept(event("acme", "Recovered", now.get().minusSeconds(60)));
        processor.processBatch();
        accept(event("acme", "Outage", now.get().minusSeconds(30)));
        processor.processBatch();
        assertThat(slackWrites().stream().filter(w -> "alert".equals(w.get("type")))).hasSize(1);
        assertThat(slackWrites()).hasSize(before);
    }

    @Test
    void acknowledgeMarksTheAlertAndUpdatesTheMessage() {
        String alertId = redAlert();
        accept(press("cs_ack", alertId, "acme", "1772445600.000100"));
        processor.processBatch();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM alert WHERE acknowledged_by = 'U0PRESSER' AND id = " + alertId))
                .isEqualTo(1);
        assertThat(slackWrites().stream().filter(w -> "action".equals(w.get("type")))).hasSize(1);
        assertThat(writes("salesforce-task")).isEmpty();
    }

    @Test
    void rulesComeFromTheLatestSavedVersion() {
        AlertRules onlyDetractors = new AlertRules(List.of(new AlertRule("detractor", AlertKind.DETRACTOR_NPS, true, 6,
                24, List.of(), "Call")), List.of("high-touch"), 5, "UTC");
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO settings_version (name, version, body, created_at, "
                    + "created_by) VALUES ('alert-rules', 1, ?, ?, 'test')")) {
                ps.setString(1, Json.write(onlyDetractors));
                ps.setTimestamp(2, Timestamp.from(NOW));
                return ps.executeUpdate();
            }
        });
        accept(traits("acme", "Acme", "001ACME", "005OWNER000000001"));
        accept(event("acme", "Outage", NOW.minusSeconds(600)));
        processor.processBatch();
        assertThat(slackWrites()).isEmpty();
        accept(nps("acme", 3, NOW.minusSeconds(60)));
        processor.processBatch();
        assertThat(slackWrites()).extracting(w -> w.get("kind")).containsExactly("DETRACTOR_NPS");
    }

    private int digestsNow() {
        return db.transaction(tx -> alerts.queueDigests(tx, now.get()));
    }

    /** Acme enters Red; returns the id its buttons carry. */
    private String redAlert() {
        accept(traits("acme", "Acme", "001ACME", "005OWNER000000001"));
        accept(event("acme", "Outage", NOW.minusSeconds(600)));
        processor.processBatch();
        return slackWrites().get(0).get("alertId").toString();
    }

    private List<Map<String, Object>> slackWrites() {
        return writes("slack");
    }

    private List<Map<String, Object>> writes(String channel) {
        return db.inTransaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM outbox WHERE channel = ? ORDER BY id")) {
                ps.setString(1, channel);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(Json.MAPPER.readValue(rs.getString(1), HashMap.class));
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new AssertionError(e);
            }
            return out;
        });
    }

    private void accept(Signal s) {
        inbox.accept(List.of(new InboxEntry("test", "m-" + (seq++), s.occurredAt(), "{}", List.of(s))));
    }

    static Signal traits(String account, String name, String salesforceId, String owner) {
        return new Signal(AccountKey.product(account), SignalKind.ACCOUNT_TRAITS, NOW.minus(Duration.ofDays(40)), "group", "",
                Double.NaN, Map.of("name", name, "salesforceAccountId", salesforceId, "owner", owner));
    }

    static Signal event(String account, String name, Instant at) {
        return new Signal(AccountKey.product(account), SignalKind.PRODUCT_EVENT, at, name, "u-1", Double.NaN, Map.of());
    }

    static Signal nps(String account, int score, Instant at) {
        return new Signal(AccountKey.product(account), SignalKind.NPS_ANSWER, at, "NPS Answered", "u-1", score, Map.of());
    }

    static Signal press(String action, String alertId, String account, String actionTs) {
        Instant at = Instant.ofEpochSecond(Long.parseLong(actionTs.substring(0, actionTs.indexOf('.'))));
        return new Signal(AccountKey.account(account), SignalKind.ALERT_ACTION, at, action, "U0PRESSER", Double.NaN,
                Map.of("alertId", alertId, "by", "U0PRESSER", "byName", "jane", "channel", "C0ALERTS",
                        "messageTs", "1772445000.000200"));
    }

    /** Health 80 (Green), or 20 (Red) while the latest of "Outage"/"Recovered" is an outage; onboarded; high-touch. */
    static final class OutageScorer implements AccountScorer {
        @Override
        public AccountScore score(AccountHistory history, Instant asOf) {
            boolean down = false;
            for (Signal s : history.upTo(asOf)) {
                if (s.kind() == SignalKind.PRODUCT_EVENT && s.name().equals("Outage")) down = true;
                if (s.kind() == SignalKind.PRODUCT_EVENT && s.name().equals("Recovered")) down = false;
            }
            int health = down ? 20 : 80;
            return new AccountScore(health, down ? Band.RED : Band.GREEN, down ? 60 : 10, 100, "high-touch", 0,
                    List.of(new Driver("activity", 0, -10, down ? "an outage" : "steady use", Map.of())), List.of(), asOf);
        }

        @Override
        public AccountSummary summarize(AccountHistory history, Instant asOf) {
            String owner = null;
            for (Signal s : history.upTo(asOf)) if (s.attribute("owner") != null) owner = s.attribute("owner");
            return new AccountSummary(owner, null, null, null, null, null, null, false);
        }
    }
}
