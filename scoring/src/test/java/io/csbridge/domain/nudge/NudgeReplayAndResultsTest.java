package io.csbridge.domain.nudge;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.CustomAttributes;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NudgeReplayAndResultsTest {

    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final AccountKey ACME = AccountKey.product("acme");
    private final Instant day = Instant.parse("2026-03-02T01:00:00Z"); // 10:00 Tokyo

    private static Nudge nudge(String id) {
        return new Nudge(id, true, Map.of("en", new NudgeMessage("Hi", "", "", "")), Targeting.everyone(), NudgeGoal.none(), 1, false);
    }

    @Test
    void theDryRunSaysWhoWouldHaveSeenWhatAndCountsEachCap() {
        NudgeCaps caps = new NudgeCaps(2, Duration.ofMinutes(15), 21, 8, TOKYO, 0);
        UserMoment base = new UserMoment("u1", "acme", "", "", "", Set.of(), Set.of(), null, null, Map.of(), false, List.of());
        List<Instant> visits = List.of(day, day.plus(Duration.ofMinutes(5)), day.plus(Duration.ofMinutes(20)),
                day.plus(Duration.ofHours(1)), day.plus(Duration.ofHours(12))); // the last at 22:00 Tokyo
        var result = NudgeReplay.run(new NudgeDefinitions(List.of(nudge("a"), nudge("b"), nudge("c"))), caps,
                List.of(new NudgeReplay.Visits("u1", visits.stream().map(v -> base).toList(), visits)));
        assertThat(result.total()).isEqualTo(2);
        assertThat(result.listed()).extracting(NudgeReplay.Would::nudgeId).containsExactly("a", "b");
        assertThat(result.nudges().get("a").users()).isEqualTo(1);
        assertThat(result.heldBack()).containsEntry(HeldBack.MIN_GAP, 2).containsEntry(HeldBack.PER_DAY, 1)
                .containsEntry(HeldBack.QUIET_HOURS, 1);
        assertThat(result.nudges().get("c").heldBack()).containsEntry(HeldBack.PER_DAY, 1);
    }

    @Test
    void liftIsTheShownShareMinusTheHoldoutShareWithItsIntervalAndN() {
        List<NudgeResults.Entry> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) entries.add(new NudgeResults.Entry(false, i < 30));
        for (int i = 0; i < 50; i++) entries.add(new NudgeResults.Entry(true, i < 10));
        NudgeResults.Result r = NudgeResults.of("a", 120, 40, 20, entries);
        assertThat(r.shownGroup().n()).isEqualTo(100);
        assertThat(r.holdoutGroup().n()).isEqualTo(50);
        assertThat(r.lift()).isCloseTo(0.10, within(1e-9));
        double se = Math.sqrt(0.3 * 0.7 / 100 + 0.2 * 0.8 / 50);
        assertThat(r.liftLow()).isCloseTo(0.10 - 1.96 * se, within(1e-9));
        assertThat(r.liftHigh()).isCloseTo(0.10 + 1.96 * se, within(1e-9));
        assertThat(NudgeResults.of("b", 0, 0, 0, List.of(new NudgeResults.Entry(false, true))).lift())
                .as("no holdout yet: no lift").isNull();
    }

    @Test
    void aUsersMomentComesFromTheAccountsSignals() {
        Instant now = day;
        List<Signal> signals = List.of(
                new Signal(ACME, SignalKind.ACCOUNT_TRAITS, now.minus(Duration.ofDays(9)), "", "", Double.NaN,
                        Map.of(CustomAttributes.key("plan_tier"), "gold")),
                new Signal(ACME, SignalKind.USER_IDENTIFIED, now.minus(Duration.ofDays(9)), "", "u1", Double.NaN,
                        Map.of(NudgeEvents.TIME_ZONE, "Europe/Berlin")),
                new Signal(ACME, SignalKind.PRODUCT_EVENT, now.minus(Duration.ofDays(8)), "Report Created", "u1", Double.NaN, Map.of()),
                new Signal(ACME, SignalKind.PRODUCT_EVENT, now.minus(Duration.ofHours(1)), NudgeEvents.SHOWN, "u1", Double.NaN,
                        Map.of(NudgeEvents.NUDGE_ID, "a")),
                new Signal(ACME, SignalKind.PRODUCT_EVENT, now.minus(Duration.ofHours(2)), "Other User", "u2", Double.NaN, Map.of()),
                new Signal(ACME, SignalKind.MILESTONE_REACHED, now.minus(Duration.ofDays(5)), "connect_crm", "", Double.NaN, Map.of()),
                new Signal(ACME, SignalKind.PRODUCT_EVENT, now.plus(Duration.ofHours(1)), "Future", "u1", Double.NaN, Map.of()));
        UserMoment m = UserMoments.of("u1", new AccountState("acme", "SMB", "Red", "onboarding", Set.of()), signals, now,
                true, TOKYO);
        assertThat(m.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(m.attributes()).containsEntry("plan_tier", "gold");
        assertThat(m.userEvents()).containsExactly("Report Created");
        assertThat(m.shown()).containsExactly(new Impression("a", now.minus(Duration.ofHours(1))));
        assertThat(m.previousActiveAt()).isEqualTo(now.minus(Duration.ofDays(8)));
        assertThat(m.reachedMilestones()).contains("connect_crm");
        assertThat(m.alertOpen()).isTrue();
        assertThat(UserMoments.zone("Not/AZone")).isNull();
    }
}
