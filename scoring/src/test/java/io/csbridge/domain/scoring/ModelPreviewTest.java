package io.csbridge.domain.scoring;

import io.csbridge.domain.health.BandThresholds;
import io.csbridge.domain.health.HealthModel;
import io.csbridge.domain.health.LifecycleStage;
import io.csbridge.domain.onboarding.Milestone;
import io.csbridge.domain.onboarding.OnboardingPlan;
import io.csbridge.domain.score.Band;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static io.csbridge.domain.scoring.DryRunTest.usedEvery;
import static org.assertj.core.api.Assertions.assertThat;

class ModelPreviewTest {

    static final java.time.Instant BACKTEST_FROM = NOW.minus(Duration.ofDays(90));

    @Test
    void aStricterGreenNamesTheAccountsThatWouldGetWorseAndBacktestsBothModelsOnTheSameWindow() {
        List<AccountHistory> accounts = List.of(usedEvery("daily", 1), usedEvery("weekly", 7), usedEvery("rare", 40));
        ScoringConfig current = ScoringConfig.defaults();
        HealthModel strict = new HealthModel("adopted-strict", "*", LifecycleStage.ADOPTED, new BandThresholds(99, 40),
                HealthModel.adopted().measures());
        ScoringConfig proposed = current.withVersion("proposed").withHealthModels(List.of(HealthModel.onboarding(), strict));

        ModelPreview preview = ModelPreview.of(accounts, current, proposed, NOW, BACKTEST_FROM, NOW);

        assertThat(preview.dryRun().moves()).containsEntry("Green->Yellow", 1);
        assertThat(preview.worse()).extracting(DryRun.BandChange::accountId).containsExactly("daily");
        assertThat(preview.better()).isEmpty();
        assertThat(preview.currentBacktest()).isEqualTo(Backtest.run(accounts, current, BACKTEST_FROM, NOW));
        assertThat(preview.proposedBacktest()).isEqualTo(Backtest.run(accounts, proposed, BACKTEST_FROM, NOW));
    }

    @Test
    void aLaterDueDayPutsAnAccountBehindScheduleBackOnTrack() {
        // day 25: the first login happened; setup (day 14) and the integration (day 21) are overdue
        AccountHistory behind = account("behind").traits(daysAgo(25), "name", "Acme", "arr", "24000", "seats", "20")
                .used(daysAgo(24), "Signed In", "u1").history();
        ScoringConfig current = ScoringConfig.defaults();
        OnboardingPlan standard = OnboardingPlan.standard();
        OnboardingPlan relaxed = new OnboardingPlan(standard.name(), standard.segment(), standard.stalledAfterDays(),
                standard.graduateAfterDays(), standard.valueMilestone(), standard.milestones().stream()
                .map(m -> new Milestone(m.key(), m.label(), m.weight(), m.dueDays() + 30, m.event(), m.milestone(), m.trait(), m.users()))
                .toList());
        ScoringConfig proposed = current.withVersion("proposed").withOnboardingPlans(List.of(relaxed));

        ModelPreview preview = ModelPreview.of(List.of(behind), current, proposed, NOW, BACKTEST_FROM, NOW);

        assertThat(preview.currentOnboarding()).doesNotContainKey("on-track").hasSize(1);
        assertThat(preview.proposedOnboarding()).containsEntry("on-track", 1);
    }

    @Test
    void movesIntoOrOutOfUnknownAreNeitherBetterNorWorse() {
        assertThat(ModelPreview.direction(Band.RED, Band.GREEN)).isPositive();
        assertThat(ModelPreview.direction(Band.GREEN, Band.YELLOW)).isNegative();
        assertThat(ModelPreview.direction(Band.UNKNOWN, Band.RED)).isZero();
        assertThat(ModelPreview.direction(Band.GREEN, Band.UNKNOWN)).isZero();
    }
}
