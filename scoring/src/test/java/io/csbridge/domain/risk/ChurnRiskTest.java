package io.csbridge.domain.risk;

import io.csbridge.domain.scoring.AccountBuilder;
import io.csbridge.domain.scoring.AccountEvaluation;
import io.csbridge.domain.score.Driver;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.domain.scoring.ScoringConfig;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/** Each churn-risk rule adds points with a reason when its condition holds, and none when it does not. */
class ChurnRiskTest {

    final ModelScorer scorer = ModelScorer.withDefaults();
    /** The fixed-threshold usage rules, no longer in the defaults (replaced by the rhythm rules), still work when configured. */
    final ModelScorer fixedThresholds = new ModelScorer(ScoringConfig.defaults().withChurnRisk(ChurnRiskConfig.fixedThresholds()));

    /** An established, steady mid-size customer: used every other day for a year. */
    static AccountBuilder steady() {
        AccountBuilder a = account("steady").traits(daysAgo(400), "arr", "50000", "seats", "3", "startDate", "2025-01-01");
        for (int d = 1; d < 365; d += 2) a.usedOnDaysAgo("u" + (d % 3), d);
        return a;
    }

    AccountEvaluation evaluate(AccountBuilder a) {
        return scorer.evaluate(a.history(), NOW);
    }

    AccountEvaluation evaluateFixed(AccountBuilder a) {
        return fixedThresholds.evaluate(a.history(), NOW);
    }

    static double points(AccountEvaluation e, RiskRule rule) {
        return e.risk().reasons().stream().filter(d -> d.measure().equals("risk." + rule.label()))
                .mapToDouble(Driver::contribution).sum();
    }

    static String reason(AccountEvaluation e, RiskRule rule) {
        return e.risk().reasons().stream().filter(d -> d.measure().equals("risk." + rule.label()))
                .map(Driver::explanation).findFirst().orElse(null);
    }

    @Test
    void aSteadyCustomerHasLowRisk() {
        AccountEvaluation e = evaluate(steady());
        assertThat(e.risk().risk()).isLessThan(10);
    }

    @Test
    void silenceAgainstTheAccountsOwnRhythmRaisesChurnRisk() {
        AccountBuilder quiet = account("quiet").traits(daysAgo(400), "arr", "50000", "startDate", "2025-01-01");
        for (int d = 60; d < 365; d += 2) quiet.usedOnDaysAgo("u1", d);
        AccountEvaluation e = evaluate(quiet);
        assertThat(points(e, RiskRule.LAPSE)).isGreaterThan(45).isGreaterThan(points(evaluate(steady()), RiskRule.LAPSE));
        assertThat(reason(e, RiskRule.LAPSE)).startsWith("silent for 60 days where it is usually active every 3 days: ")
                .endsWith("% likely to have stopped");
        assertThat(e.risk().risk()).isGreaterThan(evaluate(steady()).risk().risk() + 40);
    }

    @Test
    void theSameSilenceMeansMoreForAWeeklyBuyerThanForAQuarterlyOne() {
        AccountBuilder weekly = account("weekly").traits(daysAgo(400), "arr", "50000", "startDate", "2025-01-01");
        for (int d = 30; d < 365; d += 7) weekly.usedOnDaysAgo("u1", d);
        AccountBuilder quarterly = account("quarterly").traits(daysAgo(400), "arr", "50000", "startDate", "2025-01-01")
                .usedOnDaysAgo("u1", 30, 121, 212, 303);
        AccountEvaluation w = evaluate(weekly), q = evaluate(quarterly);
        assertThat(points(w, RiskRule.LAPSE)).as("weekly buyer silent for a month").isGreaterThan(2 * points(q, RiskRule.LAPSE));
        // A quarterly buyer is seldom seen in any quarter, which rareUse says whatever its silence.
        assertThat(points(q, RiskRule.RARE_USE)).isGreaterThan(points(w, RiskRule.RARE_USE) + 15);
        assertThat(reason(q, RiskRule.RARE_USE)).matches("usually active every 9[89] days: .*")
                .endsWith("% chance of no activity in the next 90 days even at that pace");
    }

    @Test
    void anAccountThatNeverUsedTheProductIsAtRiskOnceItShouldHaveStarted() {
        AccountEvaluation idle = evaluate(account("idle").traits(daysAgo(60), "arr", "50000", "startDate", "2025-12-31"));
        assertThat(points(idle, RiskRule.NEVER_USED)).isGreaterThan(25);
        assertThat(reason(idle, RiskRule.NEVER_USED)).isEqualTo("product never used in 60 days since the start");
        assertThat(points(evaluate(steady()), RiskRule.NEVER_USED)).isZero();
    }

    @Test
    void inactivityRaisesChurnRiskWhenConfigured() {
        AccountBuilder quiet = account("quiet").traits(daysAgo(400), "arr", "50000", "startDate", "2025-01-01");
        for (int d = 60; d < 365; d += 2) quiet.usedOnDaysAgo("u1", d);
        AccountEvaluation e = evaluateFixed(quiet);
        assertThat(points(e, RiskRule.INACTIVITY)).isGreaterThan(points(evaluateFixed(steady()), RiskRule.INACTIVITY));
        assertThat(reason(e, RiskRule.INACTIVITY)).isEqualTo("no product usage for 60 days");
    }

    @Test
    void lowUsageRaisesChurnRiskWhenConfigured() {
        AccountBuilder thin = account("thin").traits(daysAgo(400), "arr", "50000").usedOnDaysAgo("u1", 2, 200);
        AccountEvaluation e = evaluateFixed(thin);
        assertThat(points(e, RiskRule.LOW_USAGE)).isGreaterThan(0);
        assertThat(points(evaluateFixed(steady()), RiskRule.LOW_USAGE)).isZero();
        assertThat(reason(e, RiskRule.LOW_USAGE)).isEqualTo("active on only 1 of the last 30 days");
    }

    @Test
    void fallingUsageRaisesChurnRisk() {
        AccountBuilder falling = account("falling").traits(daysAgo(400), "arr", "50000");
        for (int d = 31; d < 60; d++) falling.usedOnDaysAgo("u1", d);
        falling.usedOnDaysAgo("u1", 1, 2, 3);
        AccountEvaluation e = evaluate(falling);
        assertThat(points(e, RiskRule.FALLING_USAGE)).isGreaterThan(0);
        assertThat(reason(e, RiskRule.FALLING_USAGE)).isEqualTo("active days down from 29 to 3 on the previous 30 days");
    }

    @Test
    void lowFrequencyRaisesChurnRiskWhenConfigured() {
        AccountBuilder rare = account("rare").traits(daysAgo(400), "arr", "50000", "startDate", "2025-01-01")
                .usedOnDaysAgo("u1", 1, 150);
        assertThat(points(evaluateFixed(rare), RiskRule.LOW_FREQUENCY))
                .isGreaterThan(points(evaluateFixed(steady()), RiskRule.LOW_FREQUENCY));
    }

    @Test
    void redHealthRaisesChurnRisk() {
        AccountBuilder red = account("red").traits(daysAgo(400), "arr", "50000", "seats", "50").usedOnDaysAgo("u1", 45)
                .nps(daysAgo(5), 2, "u1");
        AccountEvaluation e = evaluate(red);
        assertThat(e.health().band().label()).isEqualTo("Red");
        assertThat(points(e, RiskRule.RED_HEALTH)).isGreaterThan(0);
        assertThat(reason(e, RiskRule.RED_HEALTH)).endsWith(" is Red");
    }

    @Test
    void detractorNpsRaisesChurnRisk() {
        AccountEvaluation detractor = evaluate(steady().nps(daysAgo(3), 3, "u1"));
        AccountEvaluation promoter = evaluate(steady().nps(daysAgo(3), 10, "u1"));
        assertThat(points(detractor, RiskRule.DETRACTOR_NPS)).isGreaterThan(0);
        assertThat(points(promoter, RiskRule.DETRACTOR_NPS)).isZero();
        assertThat(detractor.risk().risk()).isGreaterThan(promoter.risk().risk());
    }

    @Test
    void aTicketSpikeRaisesChurnRisk() {
        AccountBuilder spike = steady().ticket(SignalKind.TICKET_CREATED, daysAgo(100), "old");
        for (int i = 0; i < 6; i++) spike.ticket(SignalKind.TICKET_CREATED, daysAgo(5), "t" + i);
        AccountEvaluation e = evaluate(spike);
        assertThat(points(e, RiskRule.TICKET_SPIKE)).isEqualTo(10);
        assertThat(reason(e, RiskRule.TICKET_SPIKE)).isEqualTo("6 tickets opened in 30 days, usually 0.3");
        AccountBuilder calm = steady().ticket(SignalKind.TICKET_CREATED, daysAgo(5), "t");
        assertThat(points(evaluate(calm), RiskRule.TICKET_SPIKE)).isZero();
    }

    @Test
    void stalledOnboardingRaisesChurnRisk() {
        AccountBuilder stalled = account("new").traits(daysAgo(40), "startDate", "2026-01-20")
                .used(daysAgo(39), "Signed In", "u1").usedOnDaysAgo("u1", 2);
        AccountEvaluation e = evaluate(stalled);
        assertThat(e.onboarding().state().label()).isEqualTo("stalled");
        assertThat(points(e, RiskRule.STALLED_ONBOARDING)).isEqualTo(15);
        assertThat(reason(e, RiskRule.STALLED_ONBOARDING)).startsWith("onboarding stalled, overdue: ");
    }

    @Test
    void renewalCloseWithLowHealthRaisesChurnRisk() {
        AccountBuilder weak = account("weak").traits(daysAgo(400), "arr", "50000", "seats", "40", "renewalDate", "2026-03-21")
                .usedOnDaysAgo("u1", 3, 40, 80);
        AccountEvaluation e = evaluate(weak);
        assertThat(points(e, RiskRule.RENEWAL_CLOSE_LOW_HEALTH)).isGreaterThan(0);
        assertThat(reason(e, RiskRule.RENEWAL_CLOSE_LOW_HEALTH)).startsWith("renewal in 20 days with ");
        AccountEvaluation healthy = evaluate(steady().traits(daysAgo(1), "renewalDate", "2026-03-21"));
        assertThat(points(healthy, RiskRule.RENEWAL_CLOSE_LOW_HEALTH)).isZero();
    }

    @Test
    void riskNeverExceeds100AndReasonsAreOrderedByPoints() {
        AccountBuilder awful = account("awful").traits(daysAgo(40), "seats", "50", "renewalDate", "2026-03-10",
                "startDate", "2026-01-20").used(daysAgo(39), "Signed In", "u1").nps(daysAgo(1), 0, "u1");
        for (int i = 0; i < 8; i++) awful.ticket(SignalKind.TICKET_CREATED, daysAgo(2), "t" + i, "priority", "urgent");
        AccountEvaluation e = evaluate(awful);
        assertThat(e.risk().roundedRisk()).isEqualTo(100);
        List<Double> points = e.risk().reasons().stream().map(Driver::contribution).toList();
        assertThat(points).isSortedAccordingTo(Collections.reverseOrder());
    }

    @Test
    void aFittedModelReplacesTheRuleSumButKeepsTheReasons() {
        double[] coefficients = new double[RiskFeatures.NAMES.size()];
        coefficients[RiskRule.DETRACTOR_NPS.ordinal()] = 4;
        FittedChurnModel model = new FittedChurnModel(RiskFeatures.NAMES, -2, java.util.Arrays.stream(coefficients).boxed().toList(),
                1, 5, 0.8, 0.7, 100, 20, "2026-01-01T00:00:00Z");
        ScoringConfig config = ScoringConfig.defaults().withChurnRisk(ScoringConfig.defaults().churnRisk().withFitted(model));
        AccountEvaluation e = new ModelScorer(config).evaluate(steady().nps(daysAgo(3), 0, "u1").history(), NOW);
        assertThat(e.risk().risk()).isCloseTo(100 * LogisticRegression.sigmoid(2), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(e.risk().reasons().get(0).measure()).isEqualTo("risk.fitted");
        assertThat(e.risk().reasons()).anySatisfy(d -> assertThat(d.measure()).isEqualTo("risk.detractorNps"));
    }
}
