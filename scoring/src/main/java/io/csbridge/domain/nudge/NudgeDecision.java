package io.csbridge.domain.nudge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one decision, whether the product asks or CS Bridge pushes: at most one due nudge for a user now.
 * A nudge is a candidate when it is on, targets the user, its goal is not yet reached and the user has
 * not seen it as often as it allows; then the alert suppression and the holdout apply per nudge, and the
 * caps across all nudges (quiet hours, per day, minimum gap) decide whether the first candidate is shown.
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
            else if (Holdout.heldOut(nudge.id(), user.userId(), caps.holdoutPercent())) held.put(nudge.id(), HeldBack.HOLDOUT);
            else candidates.add(nudge);
        }
        if (candidates.isEmpty()) return new NudgeDecision(null, held);
        HeldBack cap = caps.blocking(user, now);
        if (cap != null) {
            candidates.forEach(n -> held.put(n.id(), cap));
            return new NudgeDecision(null, held);
        }
        return new NudgeDecision(candidates.get(0), held);
    }

    public boolean shows() {
        return due != null;
    }
}
