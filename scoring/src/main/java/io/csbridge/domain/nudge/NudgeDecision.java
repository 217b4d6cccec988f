package io.csbridge.domain.nudge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one decision, whether the product asks or CS Bridge pushes: at most one due nudge for a user now.
 * A nudge is a candidate when it is on, targets the user, its goal is not yet reached, the user has not
 * seen it as often as it allows and no open alert suppresses it; the caps across all nudges (quiet hours,
 * per day, minimum gap) decide whether any is shown now; then the first candidate not in its holdout is
 * shown, and the held-out ones ahead of it are the holdout's exposures (they would have been shown now).
 *
 * @param due      the nudge to show now, or null
 * @param heldBack each targeted nudge not shown, and why
 */
public record NudgeDecision(Nudge due, Map<String, HeldBack> heldBack) {

    public NudgeDecision {
        heldBack = Map.copyOf(heldBack);
    }

    public static NudgeDecision decide(NudgeDefinitions definitions, NudgeCaps caps, UserMoment user, Instant now) {
        Map<String, HeldBack> held = new LinkedHashMap<>();
        List<Nudge> candidates = new ArrayList<>();
        for (Nudge nudge : definitions.enabled()) {
            if (!nudge.targeting().matches(user, now) || nudge.goal().reachedBy(user)) continue;
            if (user.timesShown(nudge.id()) >= nudge.untilTimes()) held.put(nudge.id(), HeldBack.SEEN_ENOUGH);
            else if (user.alertOpen() && !nudge.duringAlerts()) held.put(nudge.id(), HeldBack.ALERT_OPEN);
            else candidates.add(nudge);
        }
        if (candidates.isEmpty()) return new NudgeDecision(null, held);
        HeldBack cap = caps.blocking(user, now);
        if (cap != null) {
            candidates.forEach(n -> held.put(n.id(), cap));
            return new NudgeDecision(null, held);
        }
        // The holdout counts only where the nudge would have been shown now: a held-out nudge ahead of the
        // first one shown (the user then gets the next, as if the held-out nudge did not exist).
        for (Nudge nudge : candidates) {
            if (!Holdout.heldOut(nudge.id(), user.userId(), caps.holdoutPercent())) return new NudgeDecision(nudge, held);
            held.put(nudge.id(), HeldBack.HOLDOUT);
        }
        return new NudgeDecision(null, held);
    }

    public boolean shows() {
        return due != null;
    }
}
