package io.csbridge.domain.scoring;

import io.csbridge.domain.health.HealthModel;
import io.csbridge.domain.health.InputConfig;
import io.csbridge.domain.health.LifecycleStage;
import io.csbridge.domain.score.InvalidConfigException;
import io.csbridge.store.settings.ScoringConfigJson;

import io.csbridge.domain.onboarding.OnboardingPlan;
import io.csbridge.domain.risk.ChurnRiskConfig;
import io.csbridge.domain.segment.SegmentPolicy;

import java.util.ArrayList;
import java.util.List;

/**
 * The whole scoring model as versioned configuration: segments, health models per segment and
 * lifecycle stage (the first that applies wins), onboarding plans per segment, churn-risk rules, and
 * what counts as a key feature or a stale input. Plain records, so it round-trips through JSON
 * ({@link ScoringConfigJson}) and every saved version can be replayed for dry runs and backtests.
 */
public record ScoringConfig(String version, SegmentPolicy segments, List<HealthModel> healthModels,
                            List<OnboardingPlan> onboardingPlans, ChurnRiskConfig churnRisk, InputConfig inputs) {

    public ScoringConfig {
        healthModels = healthModels == null ? null : List.copyOf(healthModels);
        onboardingPlans = onboardingPlans == null ? null : List.copyOf(onboardingPlans);
    }

    /** A model useful out of the box: ARR tiers, an onboarding and an adopted model, the standard plan and rules. */
    public static ScoringConfig defaults() {
        return new ScoringConfig("default-1", SegmentPolicy.standard(),
                List.of(HealthModel.onboarding(), HealthModel.adopted()),
                List.of(OnboardingPlan.standard()), ChurnRiskConfig.standard(), InputConfig.standard());
    }

    public ScoringConfig withVersion(String newVersion) {
        return new ScoringConfig(newVersion, segments, healthModels, onboardingPlans, churnRisk, inputs);
    }

    public ScoringConfig withHealthModels(List<HealthModel> models) {
        return new ScoringConfig(version, segments, models, onboardingPlans, churnRisk, inputs);
    }

    public ScoringConfig withOnboardingPlans(List<OnboardingPlan> plans) {
        return new ScoringConfig(version, segments, healthModels, plans, churnRisk, inputs);
    }

    public ScoringConfig withChurnRisk(ChurnRiskConfig risk) {
        return new ScoringConfig(version, segments, healthModels, onboardingPlans, risk, inputs);
    }

    public ScoringConfig withSegments(SegmentPolicy policy) {
        return new ScoringConfig(version, policy, healthModels, onboardingPlans, churnRisk, inputs);
    }

    public ScoringConfig withInputs(InputConfig newInputs) {
        return new ScoringConfig(version, segments, healthModels, onboardingPlans, churnRisk, newInputs);
    }

    /** Every problem that would stop this configuration from scoring, each naming where it is. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (version == null || version.isBlank()) problems.add("version: is required");
        if (segments == null) problems.add("segments: is required");
        else segments.check("segments", problems);
        if (inputs == null) problems.add("inputs: is required");
        else inputs.check("inputs", problems);
        if (churnRisk == null) problems.add("churnRisk: is required");
        else churnRisk.check("churnRisk", problems);
        if (healthModels == null || healthModels.isEmpty()) problems.add("healthModels: at least one model is required");
        else {
            for (int i = 0; i < healthModels.size(); i++) {
                if (healthModels.get(i) == null) problems.add("healthModels[" + i + "]: is empty");
                else healthModels.get(i).check("healthModels[" + i + "]", problems);
            }
        }
        if (onboardingPlans == null || onboardingPlans.isEmpty()) problems.add("onboardingPlans: at least one plan is required");
        else {
            for (int i = 0; i < onboardingPlans.size(); i++) {
                if (onboardingPlans.get(i) == null) problems.add("onboardingPlans[" + i + "]: is empty");
                else onboardingPlans.get(i).check("onboardingPlans[" + i + "]", problems);
            }
        }
        if (problems.isEmpty()) checkCoverage(problems);
        return problems;
    }

    /** Every segment the policy can give needs a plan, and a health model for each stage. */
    private void checkCoverage(List<String> problems) {
        for (String segment : segments.labels()) {
            if (onboardingPlans.stream().noneMatch(p -> p.appliesTo(segment))) {
                problems.add("onboardingPlans: no plan applies to segment '" + segment + "' (add one with segment \"*\")");
            }
            for (LifecycleStage stage : List.of(LifecycleStage.ONBOARDING, LifecycleStage.ADOPTED)) {
                if (healthModels.stream().noneMatch(m -> m.appliesTo(segment, stage))) {
                    problems.add("healthModels: no model applies to segment '" + segment + "' at stage " + stage);
                }
            }
        }
    }

    /** This configuration, or an {@link InvalidConfigException} listing every problem. */
    public ScoringConfig validated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) throw new InvalidConfigException(problems);
        return this;
    }

    public HealthModel modelFor(String segment, LifecycleStage stage) {
        for (HealthModel m : healthModels) if (m.appliesTo(segment, stage)) return m;
        throw new IllegalStateException("no health model for " + segment + "/" + stage);
    }
}
