package io.csbridge.domain.scoring;

import io.csbridge.domain.health.LifecycleStage;
import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.HealthAssessment;

import io.csbridge.domain.onboarding.OnboardingProgress;
import io.csbridge.domain.risk.RiskAssessment;

import java.util.List;

/**
 * Everything the model concluded about one account at one moment, in full: what {@link AccountScore}
 * summarises, plus the detail the admin API shows for one account and the backtest learns from.
 *
 * @param onboarding null when the account had not started by then
 * @param staleInputs missing measures and inputs too old to trust, one line each
 */
public record AccountEvaluation(String accountId, AccountFacts facts, String segment, LifecycleStage stage,
                                OnboardingProgress onboarding, HealthAssessment health, RiskAssessment risk,
                                List<String> staleInputs) {

    public AccountEvaluation {
        staleInputs = List.copyOf(staleInputs);
    }

    public int onboardingCompletion() {
        return onboarding == null ? 0 : (int) Math.round(onboarding.completion());
    }
}
