package io.csbridge.app.accounts;

import io.csbridge.domain.onboarding.OnboardingProgress;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.scoring.AccountScorer;
import io.csbridge.domain.scoring.AccountView;
import io.csbridge.domain.signal.Signal;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.account.AccountCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reading accounts as the admin shows them: the filtered list, one account's detail, both now or as of
 * any past moment, and an account's timeline. An account asked for by any of its ids is found under its
 * canonical id (after a merge, the one it was merged into).
 */
@ApplicationScoped
public class AccountQueries {

    /** What to list: each criterion is optional; {@code sort} is a field, prefixed with - to reverse. */
    public record Filter(String segment, String band, String owner, String onboardingState, String query, String sort) {
    }

    /** One page of accounts, and how many matched in all. */
    public record Page(List<AccountView> items, int total) {
    }

    /**
     * One account: its view, where it stands on its onboarding plan (null before it started), how many
     * signals it has and its daily score history.
     */
    public record Detail(AccountView view, OnboardingProgress onboarding, long signalCount,
                         List<AccountCatalog.HistoryPoint> history) {
    }

    /** The latest signals of an account, newest first, and how many it has in all. */
    public record Timeline(List<Signal> newestFirst, int total) {
    }

    /** An as-of list that would score more accounts than allowed (the admin API answers 422 with the reason). */
    public static final class TooManyToScore extends RuntimeException {
        TooManyToScore(String reason) {
            super(reason, null, false, false);
        }
    }

    @Inject
    Pipeline pipeline;

    @Inject
    AccountScorer scorer;

    @Inject
    LiveScorer liveScorer;

    /**
     * @param asOf null for now, as stored (filtered, ordered and paged in SQL)
     * @throws TooManyToScore for an as-of list that would score more accounts than
     *                                       {@code admin.as-of-max-accounts} (default 5,000) allows
     */
    public Page list(Instant asOf, Filter filter, int limit, int offset) {
        int maxScored = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getOptionalValue("admin.as-of-max-accounts", Integer.class).orElse(5_000);
        try {
            AccountCatalog.Page page = catalog().list(asOf, scorer, new AccountCatalog.Filter(filter.segment(), filter.band(),
                    filter.owner(), filter.onboardingState(), filter.query(), filter.sort()), limit, offset, maxScored);
            return new Page(page.items(), page.total());
        } catch (AccountCatalog.TooManyToScore e) {
            throw new TooManyToScore(e.getMessage());
        }
    }

    /** @param asOf null for now, as stored; @return empty when no account has that id */
    public Optional<Detail> detail(String id, Instant asOf) {
        AccountCatalog catalog = catalog();
        String canonical = catalog.canonicalId(id);
        // Counted before the score is read: the processor commits an event's signals and the score they make
        // together, so the score shown already holds every signal counted (read the other way round, a batch
        // committing in between showed 2 signals beside the score of 1).
        long signalCount = catalog.signalCount(canonical);
        Optional<AccountView> view = catalog.get(canonical, asOf, scorer);
        if (view.isEmpty()) return Optional.empty();
        return Optional.of(new Detail(view.get(), onboarding(catalog, canonical, asOf), signalCount, catalog.history(canonical)));
    }

    /** @return empty when no account has that id */
    public Optional<Timeline> timeline(String id, int limit) {
        AccountCatalog catalog = catalog();
        String canonical = catalog.canonicalId(id);
        if (catalog.get(canonical, null, null).isEmpty()) return Optional.empty();
        List<Signal> signals = catalog.signals(canonical, pipeline.clock().instant());
        List<Signal> newestFirst = new ArrayList<>();
        for (int i = signals.size() - 1; i >= 0 && newestFirst.size() < limit; i--) newestFirst.add(signals.get(i));
        return Optional.of(new Timeline(newestFirst, signals.size()));
    }

    /** The canonical id of the account with {@code id}; empty when there is none. */
    public Optional<String> canonicalId(String id) {
        AccountCatalog catalog = catalog();
        String canonical = catalog.canonicalId(id);
        return catalog.get(canonical, null, null).isEmpty() ? Optional.empty() : Optional.of(canonical);
    }

    /** Where the account stands on its onboarding plan, as the model in force sees it (null before it started). */
    private OnboardingProgress onboarding(AccountCatalog catalog, String id, Instant asOf) {
        Instant when = asOf == null ? pipeline.clock().instant() : asOf;
        AccountHistory history = catalog.history(id, when);
        return history == null ? null : liveScorer.model().evaluate(history, when).onboarding();
    }

    private AccountCatalog catalog() {
        return new AccountCatalog(pipeline.database());
    }
}
