package io.csbridge.app.nudges;

import io.csbridge.domain.nudge.Nudge;
import io.csbridge.domain.nudge.NudgeDefinitions;
import io.csbridge.domain.nudge.NudgeEvents;
import io.csbridge.domain.nudge.NudgeResults;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.store.Database;
import io.csbridge.store.account.AccountCatalog;
import io.csbridge.store.nudges.NudgeStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each nudge's results from stored signals: shown / clicked / dismissed events, and for every user in
 * its experiment (shown or holdout, {@code nudge_exposure}) whether they reached its goal afterwards.
 */
final class NudgeOutcomes {

    private final Database db;
    private final Instant now;

    NudgeOutcomes(Database db, Instant now) {
        this.db = db;
        this.now = now;
    }

    List<NudgeResults.Result> of(NudgeDefinitions definitions) {
        List<NudgeStore.Exposure> exposures = new NudgeStore(db).exposures();
        AccountCatalog catalog = new AccountCatalog(db);
        Map<String, List<Signal>> signals = new HashMap<>();
        for (NudgeStore.Exposure e : exposures) {
            signals.computeIfAbsent(e.accountId(), id -> {
                var history = catalog.history(id, now);
                return history == null ? List.of() : history.signals();
            });
        }
        List<NudgeResults.Result> out = new ArrayList<>();
        for (Nudge nudge : definitions.nudges()) {
            int[] counts = new int[3];
            for (List<Signal> account : signals.values()) {
                for (Signal s : account) {
                    if (!nudge.id().equals(NudgeEvents.nudgeOf(s))) continue;
                    switch (s.name()) {
                        case NudgeEvents.SHOWN -> counts[0]++;
                        case NudgeEvents.CLICKED -> counts[1]++;
                        default -> counts[2]++;
                    }
                }
            }
            List<NudgeResults.Entry> entries = new ArrayList<>();
            for (NudgeStore.Exposure e : exposures) {
                if (!e.nudgeId().equals(nudge.id())) continue;
                boolean reached = signals.get(e.accountId()).stream()
                        .anyMatch(s -> !s.occurredAt().isBefore(e.firstAt()) && reaches(nudge, s, e.userId()));
                entries.add(new NudgeResults.Entry(NudgeServing.HOLDOUT.equals(e.arm()), reached));
            }
            out.add(NudgeResults.of(nudge.id(), counts[0], counts[1], counts[2], entries));
        }
        return out;
    }

    private static boolean reaches(Nudge nudge, Signal s, String userId) {
        String event = nudge.goal().event();
        String milestone = nudge.goal().milestone();
        if (!event.isEmpty() && s.kind() == SignalKind.PRODUCT_EVENT && event.equals(s.name()) && userId.equals(s.user())) {
            return true;
        }
        return !milestone.isEmpty() && s.kind() == SignalKind.MILESTONE_REACHED && milestone.equals(s.name());
    }
}
