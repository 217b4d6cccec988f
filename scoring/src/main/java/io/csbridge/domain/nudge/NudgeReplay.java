package io.csbridge.domain.nudge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dry run: replays users' visits over a past window with the given definitions and caps, as if they
 * had been in force (impressions are the replay's own, starting empty), and says who would have seen
 * which nudge and how many times each cap held one back.
 */
public final class NudgeReplay {

    /** Most "who would have seen what" lines listed (the counts cover everyone). */
    public static final int MAX_LISTED = 200;

    /** One user's visits: each the moment as it stood then. */
    public record Visits(String userId, List<UserMoment> moments, List<Instant> at) {
    }

    /** One nudge the replay would have shown. */
    public record Would(String nudgeId, String userId, String accountId, Instant at) {
    }

    /** Per nudge: how often shown, to how many users, and how many times held back by each reason. */
    public record PerNudge(int shown, int users, Map<HeldBack, Integer> heldBack) {
    }

    public record Result(Map<String, PerNudge> nudges, Map<HeldBack, Integer> heldBack, List<Would> listed, int total) {
    }

    private NudgeReplay() {
    }

    public static Result run(NudgeDefinitions definitions, NudgeCaps caps, List<Visits> users) {
        Map<String, int[]> shown = new LinkedHashMap<>();
        Map<String, Map<HeldBack, Integer>> held = new LinkedHashMap<>();
        Map<HeldBack, Integer> heldTotal = new EnumMap<>(HeldBack.class);
        for (Nudge n : definitions.enabled()) {
            shown.put(n.id(), new int[2]);
            held.put(n.id(), new EnumMap<>(HeldBack.class));
        }
        List<Would> listed = new ArrayList<>();
        int total = 0;
        for (Visits user : users) {
            List<Impression> simulated = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < user.moments().size(); i++) {
                UserMoment m = user.moments().get(i);
                Instant at = user.at().get(i);
                UserMoment replayed = new UserMoment(m.userId(), m.accountId(), m.segment(), m.band(), m.stage(),
                        m.reachedMilestones(), m.userEvents(), m.previousActiveAt(), m.zone(), m.attributes(),
                        m.alertOpen(), simulated);
                NudgeDecision d = NudgeDecision.decide(definitions, caps, replayed, at);
                d.heldBack().forEach((id, why) -> {
                    if (why == HeldBack.SEEN_ENOUGH) return;
                    held.get(id).merge(why, 1, Integer::sum);
                    heldTotal.merge(why, 1, Integer::sum);
                });
                if (d.shows()) {
                    String id = d.due().id();
                    simulated.add(new Impression(id, at));
                    shown.get(id)[0]++;
                    if (seen.add(id)) shown.get(id)[1]++;
                    total++;
                    if (listed.size() < MAX_LISTED) listed.add(new Would(id, m.userId(), m.accountId(), at));
                }
            }
        }
        Map<String, PerNudge> out = new LinkedHashMap<>();
        shown.forEach((id, c) -> out.put(id, new PerNudge(c[0], c[1], held.get(id))));
        return new Result(out, heldTotal, listed, total);
    }
}
