package io.csbridge.domain.risk;

import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.score.HealthAssessment;
import io.csbridge.domain.onboarding.OnboardingProgress;

/** Everything a churn-risk rule may look at: the facts, the health verdict and onboarding progress. */
public record RiskContext(AccountFacts facts, HealthAssessment health, OnboardingProgress onboarding,
                          boolean onboardingStage) {
}
