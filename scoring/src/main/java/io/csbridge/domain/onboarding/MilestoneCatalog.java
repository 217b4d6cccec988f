package io.csbridge.domain.onboarding;

import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.signal.Signal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every milestone of every plan, numbered, with lookups by event name and milestone key, so the one
 * pass over an account's signals can note when each milestone was first reached whatever the segment
 * turns out to be.
 */
public final class MilestoneCatalog {

    private final List<OnboardingPlan> plans;
    private final int[] offsets;
    private final int size;
    private final Map<String, int[]> byEvent = new HashMap<>();
    private final Map<String, int[]> byMilestoneKey = new HashMap<>();
    private final List<int[]> userCounts = new ArrayList<>();
    private final List<Object[]> traitConditions = new ArrayList<>();

    public MilestoneCatalog(List<OnboardingPlan> plans) {
        this.plans = List.copyOf(plans);
        this.offsets = new int[plans.size()];
        int index = 0;
        for (int p = 0; p < plans.size(); p++) {
            offsets[p] = index;
            for (Milestone m : plans.get(p).milestones()) {
                if (m.event() != null) append(byEvent, m.event(), index);
                if (m.milestone() != null) append(byMilestoneKey, m.milestone(), index);
                if (m.users() != null) userCounts.add(new int[]{index, m.users()});
                if (m.trait() != null) traitConditions.add(new Object[]{index, m.trait()});
                index++;
            }
        }
        this.size = index;
    }

    private static void append(Map<String, int[]> map, String key, int index) {
        int[] old = map.get(key);
        int[] grown = old == null ? new int[1] : java.util.Arrays.copyOf(old, old.length + 1);
        grown[grown.length - 1] = index;
        map.put(key, grown);
    }

    public int size() {
        return size;
    }

    public List<OnboardingPlan> plans() {
        return plans;
    }

    /** The catalog index of the first milestone of plan number {@code plan}. */
    public int offsetOf(int plan) {
        return offsets[plan];
    }

    /** The catalog indexes reached by a product event with this name, or null. */
    public int[] reachedByEvent(String eventName) {
        return byEvent.isEmpty() ? null : byEvent.get(eventName);
    }

    public int[] reachedByMilestone(String key) {
        return byMilestoneKey.get(key);
    }

    public boolean hasTraitConditions() {
        return !traitConditions.isEmpty();
    }

    /** Notes, in {@code reachedAt}, the trait milestones this traits signal meets for the first time. */
    public void onTraits(Signal traits, long at, long[] reachedAt) {
        for (Object[] entry : traitConditions) {
            int index = (Integer) entry[0];
            if (reachedAt[index] == AccountFacts.NONE && ((TraitCondition) entry[1]).isMetBy(traits)) {
                reachedAt[index] = at;
            }
        }
    }

    /** Notes the user-count milestones met now that {@code usersEver} distinct users have been seen. */
    public void onUsers(int usersEver, long at, long[] reachedAt) {
        for (int[] entry : userCounts) {
            if (reachedAt[entry[0]] == AccountFacts.NONE && usersEver >= entry[1]) reachedAt[entry[0]] = at;
        }
    }
}
