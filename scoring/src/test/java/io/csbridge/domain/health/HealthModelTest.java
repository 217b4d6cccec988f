package io.csbridge.domain.health;

import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;
import io.csbridge.domain.score.HealthAssessment;
import io.csbridge.domain.score.Threshold;
import io.csbridge.domain.scoring.AccountBuilder;
import io.csbridge.domain.scoring.FactCollector;

import io.csbridge.domain.onboarding.MilestoneCatalog;
import io.csbridge.domain.onboarding.OnboardingPlan;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HealthModelTest {

    final FactCollector collector = new FactCollector(List.of(), new MilestoneCatalog(List.of(OnboardingPlan.standard())));

    AccountFacts facts(AccountBuilder a) {
        return collector.collect(a.history().upTo(NOW), NOW);
    }

    @Test
    void thresholdsInterpolateBetweenPointsAndHoldBeyondTheEnds() {
        List<Threshold> curve = List.of(Threshold.of(0, 0), Threshold.of(10, 50), Threshold.of(20, 100));
        assertThat(Threshold.interpolate(curve, -5)).isEqualTo(0);
        assertThat(Threshold.interpolate(curve, 5)).isEqualTo(25);
        assertThat(Threshold.interpolate(curve, 15)).isEqualTo(75);
        assertThat(Threshold.interpolate(curve, 99)).isEqualTo(100);
    }

    @Test
    void scoreIsTheWeightedSumOfMeasureValues() {
        HealthModel model = new HealthModel("m", "*", LifecycleStage.ANY, BandThresholds.standard(), List.of(
                MeasureSpec.of(Measure.ACTIVE_DAYS, 3, 0, 0, 20, 100),
                MeasureSpec.of(Measure.OPEN_TICKETS, 1, 0, 100, 4, 0)));
        AccountBuilder a = account("a").usedOnDaysAgo("u", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
                .ticket(SignalKind.TICKET_CREATED, daysAgo(2), "1").ticket(SignalKind.TICKET_CREATED, daysAgo(2), "2");
        HealthAssessment h = model.assess(facts(a), Double.NaN);
        // activeDays 10 -> 50, weight 3/4; openTickets 2 -> 50, weight 1/4
        assertThat(h.score()).isCloseTo(50, within(1e-9));
        assertThat(h.band()).isEqualTo(Band.YELLOW);
        assertThat(h.drivers()).extracting(Driver::contribution).containsExactlyInAnyOrder(37.5, 12.5);
    }

    @Test
    void measuresWithoutInputAreLeftOutAndTheOtherWeightsRenormalised() {
        HealthModel model = new HealthModel("m", "*", LifecycleStage.ANY, BandThresholds.standard(), List.of(
                MeasureSpec.of(Measure.ACTIVE_DAYS, 1, 0, 0, 10, 100),
                MeasureSpec.of(Measure.NPS, 3, 0, 0, 10, 100)));
        HealthAssessment h = model.assess(facts(account("a").usedOnDaysAgo("u", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), Double.NaN);
        assertThat(h.score()).isEqualTo(100);
        assertThat(h.drivers()).hasSize(2);
        // only a quarter of the weight had inputs: too little to judge, and the first driver says why
        assertThat(h.evidence()).isEqualTo(0.25);
        assertThat(h.band()).isEqualTo(Band.UNKNOWN);
        assertThat(h.drivers().get(0).measure()).isEqualTo("evidence");
        assertThat(h.drivers().get(1).inputs()).containsEntry("weight", 1.0);
        assertThat(h.missing()).containsExactly("nps: no NPS answer in 365 days");
    }

    @Test
    void driversAreOrderedByImpactAndContributionsAddUpToTheScore() {
        AccountBuilder a = account("a").traits(daysAgo(200), "seats", "10", "arr", "50000")
                .usedOnDaysAgo("u1", 1, 2, 3, 5, 8, 13, 21, 22, 23, 24, 25, 26, 27, 28, 29)
                .ticket(SignalKind.TICKET_CREATED, daysAgo(3), "1", "priority", "urgent")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(3), "2", "priority", "urgent")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(3), "3", "priority", "urgent")
                .nps(daysAgo(20), 8, "u1");
        HealthAssessment h = HealthModel.adopted().assess(facts(a), Double.NaN);
        double sum = h.drivers().stream().mapToDouble(Driver::contribution).sum();
        assertThat(sum).isCloseTo(h.score(), within(0.1));
        List<Double> impacts = h.drivers().stream().map(d -> Math.abs(((Number) d.inputs().get("impact")).doubleValue())).toList();
        assertThat(impacts).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        assertThat(h.drivers()).anySatisfy(d -> assertThat(d.explanation()).isEqualTo("3 urgent tickets open"));
    }

    @Test
    void bandFollowsTheConfiguredThresholds() {
        BandThresholds strict = new BandThresholds(90, 60);
        assertThat(strict.bandOf(90)).isEqualTo(Band.GREEN);
        assertThat(strict.bandOf(89.9)).isEqualTo(Band.YELLOW);
        assertThat(strict.bandOf(60)).isEqualTo(Band.YELLOW);
        assertThat(strict.bandOf(59)).isEqualTo(Band.RED);
    }

    @Test
    void anAccountWithNoInputAtAllGetsTheMiddleScoreAndSaysWhy() {
        HealthAssessment h = HealthModel.adopted().assess(facts(account("a").traits(daysAgo(5), "name", "A")), Double.NaN);
        assertThat(h.score()).isEqualTo(50);
        assertThat(h.band()).isEqualTo(Band.UNKNOWN);
        assertThat(h.evidence()).isZero();
        assertThat(h.drivers()).singleElement().satisfies(d -> assertThat(d.explanation())
                .startsWith("too little evidence to judge: data for 0% of the model's weight, 30% needed (activeDays: no product usage seen;"));
        assertThat(h.missing()).isNotEmpty();
    }
}
