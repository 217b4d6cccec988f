package io.csbridge.app.nudges;

import io.csbridge.domain.nudge.AccountState;
import io.csbridge.domain.scoring.AccountEvaluation;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.runtime.LiveScorer;

import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** An account's state at one moment, as the model in force sees it, in the terms nudges target. */
final class AccountStates {

    private AccountStates() {
    }

    static AccountState of(AccountHistory history, Instant at, LiveScorer scorer) {
        AccountEvaluation e = scorer.model().evaluate(history, at);
        Set<String> reached = new HashSet<>();
        if (e.onboarding() != null) reached.addAll(e.onboarding().reached());
        return new AccountState(history.profile().id(), e.segment(), scorer.score(history, at).band().label(),
                e.stage() == null ? "" : e.stage().name().toLowerCase(Locale.ROOT), reached);
    }
}
