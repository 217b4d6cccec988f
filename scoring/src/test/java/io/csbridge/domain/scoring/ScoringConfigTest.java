package io.csbridge.domain.scoring;

import io.csbridge.domain.health.BandThresholds;
import io.csbridge.domain.health.HealthModel;
import io.csbridge.domain.health.LifecycleStage;
import io.csbridge.domain.health.Measure;
import io.csbridge.domain.health.MeasureSpec;
import io.csbridge.domain.score.InvalidConfigException;
import io.csbridge.store.settings.ScoringConfigJson;

import io.csbridge.domain.onboarding.OnboardingPlan;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoringConfigTest {

    @Test
    void theDefaultConfigurationIsValid() {
        assertThat(ScoringConfig.defaults().problems()).isEmpty();
    }

    @Test
    void theConfigurationRoundTripsThroughJson() {
        ScoringConfig config = ScoringConfig.defaults();
        String json = ScoringConfigJson.write(config);
        assertThat(json).contains("\"version\" : \"default-1\"", "ACTIVE_DAYS", "LAPSE", "high-touch");
        assertThat(ScoringConfigJson.read(json)).isEqualTo(config);
    }

    @Test
    void invalidThresholdsAndWeightsAreReportedWithTheirPlace() {
        HealthModel broken = new HealthModel("broken", "*", LifecycleStage.ANY, new BandThresholds(40, 70), List.of(
                MeasureSpec.of(Measure.ACTIVE_DAYS, 0, 10, 0, 5, 100),
                MeasureSpec.of(Measure.NPS, -1, 0, 0, 10, 120)));
        List<String> problems = ScoringConfig.defaults().withHealthModels(List.of(broken)).problems();
        assertThat(problems).contains(
                "healthModels[0].bands: band thresholds need 0 < yellow < green <= 100 (got yellow 70.0, green 40.0)",
                "healthModels[0].measures[0].thresholds: thresholds must be in strictly ascending order of 'at' (10.0 then 5.0)",
                "healthModels[0].measures[1]: weight must be zero or positive",
                "healthModels[0].measures[1].thresholds: threshold 2 score 120.0 is outside 0.0..100.0",
                "healthModels[0]: at least one measure needs a positive weight");
    }

    @Test
    void everySegmentAndStageNeedsAModel() {
        List<String> problems = ScoringConfig.defaults().withHealthModels(List.of(HealthModel.adopted())).problems();
        assertThat(problems).contains("healthModels: no model applies to segment 'high-touch' at stage ONBOARDING");
    }

    @Test
    void aModelCanBeLimitedToOneSegment() {
        HealthModel highTouch = new HealthModel("high-touch adopted", "high-touch", LifecycleStage.ADOPTED,
                new BandThresholds(80, 50), HealthModel.adopted().measures());
        ScoringConfig config = ScoringConfig.defaults().withHealthModels(
                List.of(highTouch, HealthModel.onboarding(), HealthModel.adopted()));
        assertThat(config.problems()).isEmpty();
        assertThat(config.modelFor("high-touch", LifecycleStage.ADOPTED).name()).isEqualTo("high-touch adopted");
        assertThat(config.modelFor("low-touch", LifecycleStage.ADOPTED).name()).isEqualTo("adopted");
    }

    @Test
    void aMilestoneNeedsExactlyOneCondition() {
        OnboardingPlan plan = new OnboardingPlan("p", "*", 14, 90, null, List.of(
                new io.csbridge.domain.onboarding.Milestone("m", "m", 1, 3, "Signed In", "setup", null, null)));
        assertThat(ScoringConfig.defaults().withOnboardingPlans(List.of(plan)).problems())
                .contains("onboardingPlans[0].milestones[0]: set exactly one of event, milestone, trait, users (found event, milestone)");
    }

    @Test
    void unknownFieldsAndMalformedJsonAreRejectedClearly() {
        String json = ScoringConfigJson.write(ScoringConfig.defaults()).replace("\"version\"", "\"versoin\"");
        assertThatThrownBy(() -> ScoringConfigJson.read(json)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("versoin");
        assertThatThrownBy(() -> ScoringConfigJson.read("{")).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("not a scoring configuration");
    }

    @Test
    void anInvalidConfigurationCannotBuildAScorer() {
        assertThatThrownBy(() -> new ModelScorer(ScoringConfig.defaults().withVersion(" ")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("version: is required");
    }
}
