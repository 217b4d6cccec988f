package io.csbridge.domain.nudge;

import java.util.Set;

/** What the model concluded about the user's account, in the terms nudges target. */
public record AccountState(String accountId, String segment, String band, String stage, Set<String> reachedMilestones) {

    public AccountState {
        reachedMilestones = reachedMilestones == null ? Set.of() : Set.copyOf(reachedMilestones);
    }

    public static AccountState unknown(String accountId) {
        return new AccountState(accountId, "", "", "", Set.of());
    }
}
