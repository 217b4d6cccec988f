package io.csbridge.domain.score;

import java.time.LocalDate;

/**
 * What the admin lists filter and sort by, besides the score: who owns the account, what it pays,
 * where it stands in onboarding. Computed with the score, from the same signals.
 *
 * @param onboardingState not-started, on-track, behind, stalled or completed; null without a plan
 */
public record AccountSummary(String owner, Double arr, Double seats, String plan, LocalDate renewalDate,
                             String onboardingState, String stage, boolean churned) {

    public static final AccountSummary UNKNOWN = new AccountSummary(null, null, null, null, null, null, null, false);
}
