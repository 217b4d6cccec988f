package io.csbridge.domain.account;

import java.util.List;

/**
 * What looking an account's health up by the text a person typed (a name, part of one, a web domain, a
 * key) found: one account with its {@link AccountHealth}, several candidates to choose from, or nothing.
 */
public sealed interface HealthLookup permits HealthLookup.Found, HealthLookup.Ambiguous, HealthLookup.NotFound {

    /** Most candidates named when the text matches several accounts. */
    int MAX_CANDIDATES = 5;

    /** Exactly one account matched. */
    record Found(AccountHealth health) implements HealthLookup {
    }

    /**
     * Several accounts matched: their names, at most {@link #MAX_CANDIDATES}.
     *
     * @param more whether further accounts match beyond {@code names}
     */
    record Ambiguous(List<String> names, boolean more) implements HealthLookup {
    }

    /** No account matched. */
    record NotFound() implements HealthLookup {
    }
}
