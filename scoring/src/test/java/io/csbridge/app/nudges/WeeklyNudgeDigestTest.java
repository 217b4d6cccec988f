package io.csbridge.app.nudges;

import io.csbridge.domain.nudge.NudgeDefinitions;
import io.csbridge.domain.nudge.NudgeResults;
import io.csbridge.json.Json;
import io.csbridge.store.Database;
import io.csbridge.store.nudges.NudgeStore;
import io.csbridge.testing.MutableClock;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WeeklyNudgeDigestTest {

    /** Monday 2026-11-30 09:00 in Tokyo. */
    static final Instant MONDAY_NINE_TOKYO = Instant.parse("2026-11-30T00:00:00Z");
    static final WeeklyNudgeDigest.Schedule SCHEDULE = new WeeklyNudgeDigest.Schedule(DayOfWeek.MONDAY, 9, ZoneId.of("Asia/Tokyo"));
    static final NudgeDefinitions DEFINITIONS = NudgeStore.parse("""
            {"nudges":[
             {"id":"setup","enabled":true,"messages":{"en":{"title":"Invite your team","body":"b","buttonLabel":"Invite","buttonUrl":"/t"}}},
             {"id":"old","enabled":false,"messages":{"en":{"title":"Old","body":"b","buttonLabel":"x","buttonUrl":"/o"}}}]}""");

    final MutableClock clock = new MutableClock(MONDAY_NINE_TOKYO.minus(Duration.ofMinutes(1)));

    static List<NudgeResults.Result> results(NudgeDefinitions definitions) {
        List<NudgeResults.Entry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) entries.add(new NudgeResults.Entry(false, i < 20));
        for (int i = 0; i < 10; i++) entries.add(new NudgeResults.Entry(true, i < 2));
        return List.of(NudgeResults.of("setup", 40, 12, 3, entries), NudgeResults.of("old", 5, 0, 0, List.of()));
    }

    WeeklyNudgeDigest node(Database db, String name, NudgeDefinitions definitions) {
        return new WeeklyNudgeDigest(db, clock, SCHEDULE, () -> definitions, WeeklyNudgeDigestTest::results, name);
    }

    @Test
    void postedOnceAWeekAtItsTimeNotTwiceAcrossTwoNodesOrARestart() {
        Database db = TestDatabase.fresh();
        WeeklyNudgeDigest a = node(db, "node-a", DEFINITIONS);
        WeeklyNudgeDigest b = node(db, "node-b", DEFINITIONS);
        // A first start on Monday 08:59 in Tokyo: last week's digest time has passed (never posted), so it goes out late.
        assertThat(a.runIfDue()).as("last week's digest, late rather than never").isTrue();
        assertThat(b.runIfDue()).isFalse();
        clock.set(MONDAY_NINE_TOKYO);
        assertThat(b.runIfDue()).as("this week's, on the node that looks first").isTrue();
        assertThat(a.runIfDue()).as("the other node").isFalse();
        assertThat(node(db, "node-a", DEFINITIONS).runIfDue()).as("after a restart").isFalse();
        clock.set(MONDAY_NINE_TOKYO.plus(Duration.ofDays(6)));
        assertThat(a.runIfDue()).as("later the same week").isFalse();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE channel = 'slack' AND dedupe_key = "
                + "'nudge-digest:2026-11-30'")).isEqualTo(1);
        clock.set(MONDAY_NINE_TOKYO.plus(Duration.ofDays(7)));
        assertThat(a.runIfDue()).as("the next week").isTrue();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE channel = 'slack' "
                + "AND dedupe_key LIKE 'nudge-digest:%'")).isEqualTo(3);
    }

    @Test
    void theMessageHasALinePerActiveNudgeWithSharesNAndTheLiftInterval() throws Exception {
        Database db = TestDatabase.fresh();
        clock.set(MONDAY_NINE_TOKYO);
        assertThat(node(db, "node-a", DEFINITIONS).runIfDue()).isTrue();
        String payload = db.inTransaction(c -> {
            try (var ps = c.prepareStatement("SELECT payload FROM outbox WHERE dedupe_key = 'nudge-digest:2026-11-30'");
                 var rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        });
        Map<?, ?> fields = Json.MAPPER.readValue(payload, Map.class);
        assertThat(fields.get("type")).isEqualTo("nudge-digest");
        assertThat(fields.get("week")).isEqualTo("2026-11-30");
        List<?> nudges = (List<?>) fields.get("nudges");
        assertThat(nudges).as("only the active nudge").hasSize(1);
        Map<?, ?> line = (Map<?, ?>) nudges.get(0);
        assertThat(line.get("id")).isEqualTo("setup");
        assertThat(line.get("shown")).isEqualTo(40);
        assertThat(line.get("clicked")).isEqualTo(12);
        assertThat(line.get("shownN")).isEqualTo(40);
        assertThat(line.get("shownReached")).isEqualTo(20);
        assertThat(line.get("holdoutN")).isEqualTo(10);
        assertThat(line.get("holdoutReached")).isEqualTo(2);
        assertThat(((Number) line.get("lift")).doubleValue()).isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(((Number) line.get("liftLow")).doubleValue()).isLessThan(0.3);
        assertThat(((Number) line.get("liftHigh")).doubleValue()).isGreaterThan(0.3);
    }

    @Test
    void aWeekWithoutActiveNudgesPostsNothing() {
        Database db = TestDatabase.fresh();
        clock.set(MONDAY_NINE_TOKYO);
        assertThat(node(db, "node-a", NudgeDefinitions.none()).runIfDue()).isFalse();
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox")).isZero();
    }

    @Test
    void theDigestMomentIsTheLatestWeekdayAndHourInTheZone() {
        assertThat(SCHEDULE.latestAtOrBefore(MONDAY_NINE_TOKYO).toLocalDate()).hasToString("2026-11-30");
        assertThat(SCHEDULE.latestAtOrBefore(MONDAY_NINE_TOKYO.minusSeconds(1)).toLocalDate()).hasToString("2026-11-23");
        assertThat(SCHEDULE.latestAtOrBefore(Instant.parse("2026-12-06T14:59:59Z")).toLocalDate()).hasToString("2026-11-30");
        assertThat(SCHEDULE.latestAtOrBefore(Instant.parse("2026-12-07T00:00:00Z")).toLocalDate()).hasToString("2026-12-07");
    }
}
