package io.csbridge.domain.alerting;

import io.csbridge.domain.score.AccountScore;

import java.time.Instant;

/** An account as it stood at one moment: its score and the facts the rules read. */
public record AccountSnapshot(String accountId, AccountScore score, AccountFacts facts) {

    public Instant asOf() {
        return score.asOf();
    }
}
