package io.csbridge.app.identities;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.account.IdentityReview;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * Which keys belong to which account: the keys signals arrived with that no account holds yet (and what
 * waits behind them), linking such a key to an account or creating one for it, and merging two accounts
 * that are really one. Every change is audited and rescores the account.
 */
@ApplicationScoped
public class IdentityLinks {

    @Inject
    Pipeline pipeline;

    /** The waiting keys, most signals first. */
    public List<IdentityReview.Unmatched> unmatched(int limit) {
        return review().unmatched(limit);
    }

    /**
     * Ties {@code key} to an existing account. @return how many waiting signals joined it
     *
     * @throws IllegalArgumentException when there is no such account or the key belongs to another one
     */
    public int link(AccountKey key, String accountId, String by) {
        return review().link(key, accountId, by);
    }

    /**
     * Creates an account holding {@code key}. @return its id
     *
     * @throws IllegalArgumentException when the key already belongs to an account
     */
    public String create(AccountKey key, String name, String by) {
        return review().create(key, name, by);
    }

    /**
     * Merges the account {@code fromId} into {@code intoId}, keeping all of its history.
     *
     * @throws IllegalArgumentException when either account does not exist or they are the same
     */
    public void merge(String intoId, String fromId, String by) {
        review().merge(intoId, fromId, by);
    }

    private IdentityReview review() {
        return new IdentityReview(pipeline.database(), pipeline.processor(), pipeline.clock());
    }
}
