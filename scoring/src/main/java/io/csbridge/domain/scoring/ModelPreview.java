package io.csbridge.domain.scoring;

import io.csbridge.domain.health.LifecycleStage;
import io.csbridge.domain.score.Band;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an edited model would do, in one answer for the editor's live preview: the dry run now (which
 * accounts would change band, a few named examples each way), the backtest of the edited model beside
 * the current one's over the same window, and how the accounts in onboarding stand under each. Pure:
 * nothing is stored and nothing is sent.
 *
 * @param better   up to {@link #EXAMPLES} accounts that would move to a better band (Red to Yellow ...)
 * @param worse    up to {@link #EXAMPLES} that would move to a worse one
 * @param sideways up to {@link #EXAMPLES} that would move into or out of Unknown
 */
public record ModelPreview(DryRun.Report dryRun, List<DryRun.BandChange> better, List<DryRun.BandChange> worse,
                           List<DryRun.BandChange> sideways, Backtest.Report currentBacktest,
                           Backtest.Report proposedBacktest, Map<String, Integer> currentOnboarding,
                           Map<String, Integer> proposedOnboarding) {

    /** Named examples shown for each direction. */
    public static final int EXAMPLES = 3;

    public ModelPreview {
        better = List.copyOf(better);
        worse = List.copyOf(worse);
        sideways = List.copyOf(sideways);
        currentOnboarding = Map.copyOf(currentOnboarding);
        proposedOnboarding = Map.copyOf(proposedOnboarding);
    }

    /**
     * @param accounts every account's history up to {@code until} (at least up to {@code now})
     * @param now      the moment the dry run and the onboarding counts look at
     * @param asOf     the backtest's scoring moment; churn is observed from it to {@code until}
     */
    public static ModelPreview of(List<AccountHistory> accounts, ScoringConfig current, ScoringConfig proposed,
                                  Instant now, Instant asOf, Instant until) {
        DryRun.Report dryRun = DryRun.compare(accounts, current, proposed, now);
        List<DryRun.BandChange> better = new ArrayList<>();
        List<DryRun.BandChange> worse = new ArrayList<>();
        List<DryRun.BandChange> sideways = new ArrayList<>();
        for (DryRun.BandChange c : dryRun.changes()) {
            int direction = direction(c.from(), c.to());
            List<DryRun.BandChange> into = direction > 0 ? better : direction < 0 ? worse : sideways;
            if (into.size() < EXAMPLES) into.add(c);
        }
        return new ModelPreview(dryRun, better, worse, sideways,
                Backtest.run(accounts, current, asOf, until), Backtest.run(accounts, proposed, asOf, until),
                onboardingStates(accounts, current, now), onboardingStates(accounts, proposed, now));
    }

    /**
     * How the accounts in their onboarding stage stand at {@code now} under {@code config}: how many are
     * completed, on-track, behind or stalled (state labels as the API shows them).
     */
    public static Map<String, Integer> onboardingStates(List<AccountHistory> accounts, ScoringConfig config, Instant now) {
        ModelScorer scorer = new ModelScorer(config);
        Map<String, Integer> states = new TreeMap<>();
        for (AccountHistory history : accounts) {
            if (history.upTo(now).isEmpty()) continue;
            AccountEvaluation e = scorer.evaluate(history, now);
            if (e.stage() != LifecycleStage.ONBOARDING || e.onboarding() == null) continue;
            states.merge(e.onboarding().state().label(), 1, Integer::sum);
        }
        return states;
    }

    /** +1 when {@code to} is a better band than {@code from}, -1 when worse, 0 into or out of Unknown. */
    static int direction(Band from, Band to) {
        if (from == Band.UNKNOWN || to == Band.UNKNOWN) return 0;
        return Integer.compare(from.ordinal(), to.ordinal());
    }
}
