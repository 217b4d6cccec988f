package io.csbridge.risk;

import io.csbridge.health.AccountFacts;
import io.csbridge.health.HealthAssessment;
import io.csbridge.onboarding.OnboardingProgress;

/** Everything a churn-risk rule may look at: the facts, the health verdict and onboarding progress. */
public record RiskContext(AccountFacts facts, HealthAssessment health, OnboardingProgress onboarding,
                          boolean onboardingStage) {
}
