package io.csbridge.store.account;

import io.csbridge.store.Transaction;

import io.csbridge.domain.score.AccountScore;

import java.time.Instant;

/**
 * What rescores an account whose signals changed, inside the transaction that changed them (the event
 * processor). The identity operations here ({@link IdentityReview}) call it after moving signals.
 */
public interface AccountRescorer {

    /** Scores the account, which the caller has locked, as of {@code now} from its stored signals. */
    AccountScore rescore(Transaction transaction, String accountId, Instant now);
}
