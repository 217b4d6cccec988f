package io.csbridge.app.nudges;

import io.csbridge.domain.nudge.AccountState;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.store.Database;
import io.csbridge.store.account.AccountCatalog;
import io.csbridge.store.nudges.NudgeStore;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What serving keeps per account between requests, so that answering costs a few indexed reads: the
 * account's signals at one signal version (reread only when the version changed, i.e. a signal was
 * added) and its model state (recomputed from those signals at most every {@link #STATE_TTL}).
 * Bounded: the accounts asked about least recently are dropped first.
 */
final class AccountViews {

    static final Duration STATE_TTL = Duration.ofSeconds(30);
    /** Signals are read up to this far past now, so a sender's slightly fast clock is not cut off (moments filter by now). */
    static final Duration AHEAD = Duration.ofHours(1);

    /** An account's signals (read at {@code readAt}, up to {@link #AHEAD} later) and its state as of {@code stateAt}. */
    record View(long version, AccountHistory history, Instant readAt, AccountState state, Instant stateAt) {
    }

    private final int maxAccounts;
    private final Map<String, View> views;

    AccountViews(int maxAccounts) {
        this.maxAccounts = maxAccounts;
        this.views = new LinkedHashMap<>(256, 0.75f, true);
    }

    /** The account's view now, or empty when the account does not exist. */
    Optional<View> of(String accountId, Instant now, Database db, LiveScorer scorer) {
        Optional<Long> version = new NudgeStore(db).signalVersion(accountId);
        if (version.isEmpty()) return Optional.empty();
        View cached;
        synchronized (this) {
            cached = views.get(accountId);
        }
        View view;
        boolean sameSignals = cached != null && cached.version() == version.get()
                && !now.isBefore(cached.readAt()) && now.isBefore(cached.readAt().plus(AHEAD));
        if (sameSignals && !cached.stateAt().isAfter(now) && cached.stateAt().isAfter(now.minus(STATE_TTL))) {
            return Optional.of(cached);
        } else if (sameSignals) {
            view = new View(cached.version(), cached.history(), cached.readAt(), AccountStates.of(cached.history(), now, scorer), now);
        } else {
            AccountHistory history = new AccountCatalog(db).history(accountId, now.plus(AHEAD));
            if (history == null) return Optional.empty();
            view = new View(version.get(), history, now, AccountStates.of(history, now, scorer), now);
        }
        synchronized (this) {
            views.put(accountId, view);
            if (views.size() > maxAccounts) views.remove(views.keySet().iterator().next());
        }
        return Optional.of(view);
    }
}
