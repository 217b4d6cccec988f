package io.csbridge.domain.scoring;

import io.csbridge.domain.score.Band;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model change would do before it is switched on: every account scored as of {@code asOf}
 * under the current and the proposed configuration, and which accounts would change band. Pure:
 * nothing is stored and nothing is sent.
 */
public final class DryRun {

    /** One account that would move band. */
    public record BandChange(String accountId, String name, Band from, Band to, int scoreBefore, int scoreAfter,
                             int riskBefore, int riskAfter) {
    }

    /**
     * @param moves how many accounts would make each move, e.g. "Green->Yellow" = 3
     */
    public record Report(String currentVersion, String proposedVersion, Instant asOf, int accounts,
                         List<BandChange> changes, Map<String, Integer> moves) {

        public Report {
            changes = List.copyOf(changes);
            moves = Map.copyOf(moves);
        }
    }

    private DryRun() {
    }

    public static Report compare(List<AccountHistory> accounts, ScoringConfig current, ScoringConfig proposed, Instant asOf) {
        ModelScorer before = new ModelScorer(current);
        ModelScorer after = new ModelScorer(proposed);
        List<BandChange> changes = new ArrayList<>();
        Map<String, Integer> moves = new TreeMap<>();
        int scored = 0;
        for (AccountHistory history : accounts) {
            if (history.upTo(asOf).isEmpty()) continue;
            scored++;
            AccountEvaluation was = before.evaluate(history, asOf);
            AccountEvaluation will = after.evaluate(history, asOf);
            Band from = was.health().band();
            Band to = will.health().band();
            if (from == to) continue;
            String id = history.profile() == null ? null : history.profile().id();
            String name = history.profile() == null ? null : history.profile().name();
            changes.add(new BandChange(id, name, from, to, was.health().roundedScore(), will.health().roundedScore(),
                    was.risk().roundedRisk(), will.risk().roundedRisk()));
            moves.merge(from.label() + "->" + to.label(), 1, Integer::sum);
        }
        changes.sort(Comparator.comparing(BandChange::accountId, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Report(current.version(), proposed.version(), asOf, scored, changes, moves);
    }
}
