package io.csbridge.domain.scoring;

import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.AccountSummary;

import java.time.Instant;

/** Computes an account's scores as they stood at {@code asOf}. Implementations must be pure. */
public interface AccountScorer {

    AccountScore score(AccountHistory history, Instant asOf);

    /** Who owns the account, what it pays, where it stands in onboarding, as of {@code asOf}. */
    default AccountSummary summarize(AccountHistory history, Instant asOf) {
        return AccountSummary.UNKNOWN;
    }
}
