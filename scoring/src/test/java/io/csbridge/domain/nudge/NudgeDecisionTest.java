package io.csbridge.domain.nudge;

import io.csbridge.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class NudgeDecisionTest {

    /** 10:00 in Tokyo. */
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T01:00:00Z"));
    private final NudgeCaps caps = new NudgeCaps(2, Duration.ofMinutes(15), 21, 8, ZoneId.of("Asia/Tokyo"), 0);

    private static Nudge nudge(String id, Targeting targeting) {
        return new Nudge(id, true, Map.of("en", new NudgeMessage("Hi " + id, "body", "Go", "/go"),
                "ja", new NudgeMessage("こんにちは " + id, "本文", "開く", "/go")), targeting, NudgeGoal.none(), 1, false);
    }

    private static UserMoment user(String id) {
        return new UserMoment(id, "acc-1", "SMB", "Red", "onboarding", Set.of("invite_team"), Set.of(),
                null, null, Map.of("plan", "pro"), false, List.of());
    }

    private NudgeDecision decide(NudgeDefinitions defs, UserMoment user) {
        return NudgeDecision.decide(defs, caps, user, clock.instant());
    }

    @Test
    void capsHoldAcrossNudgesGapThenPerDay() {
        var defs = new NudgeDefinitions(List.of(nudge("a", Targeting.everyone()), nudge("b", Targeting.everyone()),
                nudge("c", Targeting.everyone())));
        UserMoment u = user("u1");
        NudgeDecision first = decide(defs, u);
        assertThat(first.due().id()).isEqualTo("a");
        u = u.with(new Impression("a", clock.instant()));

        clock.advance(Duration.ofMinutes(10));
        NudgeDecision tooSoon = decide(defs, u);
        assertThat(tooSoon.shows()).isFalse();
        assertThat(tooSoon.heldBack()).containsEntry("b", HeldBack.MIN_GAP).containsEntry("a", HeldBack.SEEN_ENOUGH);

        clock.advance(Duration.ofMinutes(6));
        NudgeDecision second = decide(defs, u);
        assertThat(second.due().id()).isEqualTo("b");
        u = u.with(new Impression("b", clock.instant()));

        clock.advance(Duration.ofHours(2));
        assertThat(decide(defs, u).heldBack()).containsEntry("c", HeldBack.PER_DAY);

        clock.advance(Duration.ofHours(22)); // the next day in Tokyo, 10:16
        assertThat(decide(defs, u).due().id()).isEqualTo("c");
    }

    @Test
    void quietHoursAcrossMidnightInTheDefaultZone() {
        var defs = new NudgeDefinitions(List.of(nudge("a", Targeting.everyone())));
        clock.set(Instant.parse("2026-03-02T14:00:00Z")); // 23:00 Tokyo
        assertThat(decide(defs, user("u")).heldBack()).containsEntry("a", HeldBack.QUIET_HOURS);
        clock.set(Instant.parse("2026-03-02T22:59:00Z")); // 07:59 Tokyo, the next day
        assertThat(decide(defs, user("u")).heldBack()).containsEntry("a", HeldBack.QUIET_HOURS);
        clock.set(Instant.parse("2026-03-02T23:00:00Z")); // 08:00 Tokyo
        assertThat(decide(defs, user("u")).shows()).isTrue();
        clock.set(Instant.parse("2026-03-02T11:59:00Z")); // 20:59 Tokyo
        assertThat(decide(defs, user("u")).shows()).isTrue();
    }

    @Test
    void quietHoursFollowTheUsersOwnTimeZone() {
        var defs = new NudgeDefinitions(List.of(nudge("a", Targeting.everyone())));
        UserMoment newYork = new UserMoment("u", "acc", "", "", "", Set.of(), Set.of(), null,
                ZoneId.of("America/New_York"), Map.of(), false, List.of());
        clock.set(Instant.parse("2026-03-02T03:00:00Z")); // 12:00 Tokyo, 22:00 New York
        assertThat(decide(defs, newYork).heldBack()).containsEntry("a", HeldBack.QUIET_HOURS);
        assertThat(decide(defs, user("u")).shows()).isTrue();
    }

    @Test
    void perDayCountsTheUsersLocalDayNotUtc() {
        var defs = new NudgeDefinitions(List.of(nudge("a", Targeting.everyone()), nudge("b", Targeting.everyone()),
                nudge("c", Targeting.everyone())));
        // two shown on 2 March at 20:00 and 20:30 Tokyo; at 08:30 Tokyo on 3 March (still 2 March in UTC) a new day
        UserMoment u = user("u").with(new Impression("a", Instant.parse("2026-03-02T11:00:00Z")))
                .with(new Impression("b", Instant.parse("2026-03-02T11:30:00Z")));
        clock.set(Instant.parse("2026-03-02T12:00:00Z")); // 21:00 Tokyo: quiet anyway
        assertThat(decide(defs, u).heldBack()).containsEntry("c", HeldBack.QUIET_HOURS);
        clock.set(Instant.parse("2026-03-02T11:50:00Z")); // 20:50 Tokyo, same day: per-day cap
        assertThat(decide(defs, u).heldBack()).containsEntry("c", HeldBack.PER_DAY);
        clock.set(Instant.parse("2026-03-02T23:30:00Z")); // 08:30 Tokyo on 3 March
        assertThat(decide(defs, u).due().id()).isEqualTo("c");
    }

    @Test
    void holdoutIsStablePerUserAndNearItsShare() {
        NudgeCaps tenPercent = new NudgeCaps(2, Duration.ofMinutes(15), 21, 8, ZoneId.of("Asia/Tokyo"), 10);
        var defs = new NudgeDefinitions(List.of(nudge("setup", Targeting.everyone())));
        int heldOut = 0;
        for (int i = 0; i < 10_000; i++) {
            String id = "user-" + i;
            boolean first = NudgeDecision.decide(defs, tenPercent, user(id), clock.instant()).heldBack()
                    .get("setup") == HeldBack.HOLDOUT;
            boolean again = NudgeDecision.decide(defs, tenPercent, user(id), clock.instant().plusSeconds(3600))
                    .heldBack().get("setup") == HeldBack.HOLDOUT;
            assertThat(again).as(id).isEqualTo(first);
            if (first) heldOut++;
        }
        assertThat(heldOut).isBetween(900, 1100);
        assertThat(Holdout.bucket("setup", "user-1")).isEqualTo(Holdout.bucket("setup", "user-1"));
        assertThat(Holdout.bucket("setup", "user-1")).isBetween(0, 99);
    }

    @Test
    void theHoldoutCountsOnlyWhereTheNudgeWouldHaveBeenShownAndTheNextIsShownInstead() {
        NudgeCaps tenPercent = new NudgeCaps(2, Duration.ofMinutes(15), 21, 8, ZoneId.of("Asia/Tokyo"), 10);
        var defs = new NudgeDefinitions(List.of(nudge("setup", Targeting.everyone()), nudge("tour", Targeting.everyone())));
        String heldOut = null;
        for (int i = 0; heldOut == null; i++) {
            String u = "user-" + i;
            if (Holdout.heldOut("setup", u, 10) && !Holdout.heldOut("tour", u, 10)) heldOut = u;
        }
        NudgeDecision d = NudgeDecision.decide(defs, tenPercent, user(heldOut), clock.instant());
        assertThat(d.heldBack()).containsEntry("setup", HeldBack.HOLDOUT);
        assertThat(d.due().id()).as("the next nudge, as if setup did not exist").isEqualTo("tour");

        String shown = null;
        for (int i = 0; shown == null; i++) {
            String u = "user-" + i;
            if (!Holdout.heldOut("setup", u, 10) && Holdout.heldOut("tour", u, 10)) shown = u;
        }
        NudgeDecision s = NudgeDecision.decide(defs, tenPercent, user(shown), clock.instant());
        assertThat(s.due().id()).isEqualTo("setup");
        assertThat(s.heldBack()).as("tour would not have been shown now: not a holdout exposure").doesNotContainKey("tour");
        UserMoment later = user(shown).with(new Impression("setup", clock.instant()));
        assertThat(NudgeDecision.decide(defs, tenPercent, later, clock.instant().plusSeconds(60)).heldBack())
                .as("within the gap the cap holds it, not the holdout").containsEntry("tour", HeldBack.MIN_GAP);
    }

    @Test
    void anOpenAlertSuppressesUnlessTheNudgeSaysSo() {
        Nudge quiet = nudge("quiet", Targeting.everyone());
        Nudge evenThen = new Nudge("even", true, quiet.messages(), Targeting.everyone(), NudgeGoal.none(), 1, true);
        UserMoment alerted = new UserMoment("u", "acc", "", "Red", "", Set.of(), Set.of(), null, null, Map.of(), true, List.of());
        NudgeDecision d = decide(new NudgeDefinitions(List.of(quiet, evenThen)), alerted);
        assertThat(d.heldBack()).containsEntry("quiet", HeldBack.ALERT_OPEN);
        assertThat(d.due().id()).isEqualTo("even");
        assertThat(decide(new NudgeDefinitions(List.of(quiet)), alerted).shows()).isFalse();
    }

    @Test
    void targetingBySegmentBandStageMilestoneAttributesAndGoal() {
        UserMoment u = user("u");
        assertThat(decide(one(new Targeting("SMB", "red", "Onboarding", "connect_crm", 0, Map.of("plan", "pro"))), u).shows()).isTrue();
        assertThat(decide(one(new Targeting("Enterprise", "", "", "", 0, Map.of())), u).shows()).isFalse();
        assertThat(decide(one(new Targeting("", "Green", "", "", 0, Map.of())), u).shows()).isFalse();
        assertThat(decide(one(new Targeting("", "", "adopted", "", 0, Map.of())), u).shows()).isFalse();
        assertThat(decide(one(new Targeting("", "", "", "invite_team", 0, Map.of())), u).shows())
                .as("the milestone is already reached").isFalse();
        assertThat(decide(one(new Targeting("", "", "", "", 0, Map.of("plan", "free"))), u).shows()).isFalse();
        Nudge withGoal = new Nudge("g", true, nudge("x", Targeting.everyone()).messages(), Targeting.everyone(),
                new NudgeGoal("Report Created", ""), 1, false);
        UserMoment reached = new UserMoment("u", "acc", "", "", "", Set.of(), Set.of("Report Created"), null, null,
                Map.of(), false, List.of());
        assertThat(decide(new NudgeDefinitions(List.of(withGoal)), reached).shows()).as("goal already reached").isFalse();
        assertThat(decide(new NudgeDefinitions(List.of(withGoal)), user("u")).shows()).isTrue();
    }

    @Test
    void inactiveForNDaysMeansLastActiveBeforeThat() {
        var defs = one(new Targeting("", "", "", "", 7, Map.of()));
        UserMoment recent = moment(clock.instant().minus(Duration.ofDays(3)));
        UserMoment away = moment(clock.instant().minus(Duration.ofDays(8)));
        assertThat(decide(defs, recent).shows()).isFalse();
        assertThat(decide(defs, away).shows()).isTrue();
        assertThat(decide(defs, moment(null)).shows()).as("a user never active before is new, not inactive").isFalse();
    }

    @Test
    void untilNTimesAllowsThatManyImpressions() {
        Nudge thrice = new Nudge("t", true, nudge("x", Targeting.everyone()).messages(), Targeting.everyone(),
                NudgeGoal.none(), 3, false);
        var defs = new NudgeDefinitions(List.of(thrice));
        NudgeCaps loose = new NudgeCaps(10, Duration.ZERO, 0, 0, ZoneId.of("UTC"), 0);
        UserMoment u = user("u");
        for (int i = 0; i < 3; i++) {
            assertThat(NudgeDecision.decide(defs, loose, u, clock.instant()).shows()).isTrue();
            u = u.with(new Impression("t", clock.instant()));
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(NudgeDecision.decide(defs, loose, u, clock.instant()).heldBack()).containsEntry("t", HeldBack.SEEN_ENOUGH);
    }

    @Test
    void languageFallsBackToEnglish() {
        Nudge n = nudge("a", Targeting.everyone());
        assertThat(n.message("ja-JP").title()).isEqualTo("こんにちは a");
        assertThat(n.message("fr").title()).isEqualTo("Hi a");
        assertThat(n.languageFor(null)).isEqualTo("en");
    }

    @Test
    void problemsNameWhatIsWrong() {
        Nudge bad = new Nudge("bad id!", true, Map.of(), null, null, 1, false);
        Nudge noTitle = new Nudge("x", true, Map.of("fr", new NudgeMessage("", "", "", "javascript:alert(1)")), null, null, 1, false);
        assertThat(new NudgeDefinitions(List.of(bad, noTitle, noTitle)).problems())
                .anyMatch(p -> p.contains("nudges[0].id"))
                .anyMatch(p -> p.contains("used twice"))
                .anyMatch(p -> p.contains("'fr' is not en or ja"))
                .anyMatch(p -> p.contains("a title is needed"))
                .anyMatch(p -> p.contains("button URL"));
        assertThat(new NudgeDefinitions(List.of(nudge("ok", Targeting.everyone()))).problems()).isEmpty();
    }

    private UserMoment moment(Instant previousActive) {
        return new UserMoment("u", "acc", "", "", "", Set.of(), Set.of(), previousActive, null, Map.of(), false, List.of());
    }

    private static NudgeDefinitions one(Targeting targeting) {
        return new NudgeDefinitions(List.of(nudge("n", targeting)));
    }
}
