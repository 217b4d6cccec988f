package io.csbridge.domain.onboarding;

import io.csbridge.domain.score.AccountFacts;

import java.util.ArrayList;
import java.util.List;

/** Evaluates the onboarding plans of a configuration against an account's facts. */
public final class Onboarding {

    private final MilestoneCatalog catalog;

    public Onboarding(MilestoneCatalog catalog) {
        this.catalog = catalog;
    }

    public MilestoneCatalog catalog() {
        return catalog;
    }

    /** The index of the first plan that applies to the segment; validation guarantees there is one. */
    public int planFor(String segment) {
        List<OnboardingPlan> plans = catalog.plans();
        for (int p = 0; p < plans.size(); p++) {
            if (plans.get(p).appliesTo(segment)) return p;
        }
        throw new IllegalStateException("no onboarding plan for segment " + segment);
    }

    /** Progress on the segment's plan; null when the account has not started (nothing seen yet). */
    public OnboardingProgress progress(AccountFacts facts, String segment) {
        long start = facts.effectiveStartDay();
        if (start == AccountFacts.NONE) return null;
        int p = planFor(segment);
        OnboardingPlan plan = catalog.plans().get(p);
        int offset = catalog.offsetOf(p);
        long today = facts.asOfDay();
        double total = 0;
        double done = 0;
        double due = 0;
        double dueDone = 0;
        long lastProgress = start * 86_400L;
        long valueReached = AccountFacts.NONE;
        long allReached = Long.MIN_VALUE;
        List<String> reached = new ArrayList<>();
        List<String> overdue = new ArrayList<>();
        List<Milestone> milestones = plan.milestones();
        for (int i = 0; i < milestones.size(); i++) {
            Milestone m = milestones.get(i);
            long at = facts.milestoneReachedAt(offset + i);
            total += m.weight();
            boolean isDue = today > start + m.dueDays();
            if (isDue) due += m.weight();
            if (at != AccountFacts.NONE) {
                if (isDue) dueDone += m.weight();
                done += m.weight();
                reached.add(m.displayName());
                lastProgress = Math.max(lastProgress, at);
                allReached = Math.max(allReached, at);
                if (m.key().equals(plan.valueMilestone())) valueReached = at;
            } else {
                allReached = AccountFacts.NONE;
                if (isDue) overdue.add(m.displayName());
            }
        }
        boolean complete = reached.size() == milestones.size();
        if (plan.valueMilestone() == null && complete) valueReached = allReached;
        OnboardingState state;
        if (complete) state = OnboardingState.COMPLETED;
        else if (overdue.isEmpty()) state = OnboardingState.ON_TRACK;
        else if (facts.asOf() - lastProgress > plan.stalledAfterDays() * 86_400L) state = OnboardingState.STALLED;
        else state = OnboardingState.BEHIND;
        Integer timeToValue = valueReached == AccountFacts.NONE ? null
                : (int) Math.max(0, Math.floorDiv(valueReached, 86_400L) - start);
        double onSchedule = complete || due == 0 ? 100 : 100.0 * dueDone / due;
        return new OnboardingProgress(plan.name(), 100.0 * done / total, state, timeToValue, reached, overdue,
                today - start, 100.0 * due / total, onSchedule);
    }

    /** Onboarding while the plan is incomplete and the account is younger than the plan's graduation age. */
    public boolean isOnboarding(OnboardingProgress progress, String segment) {
        if (progress == null) return true;
        OnboardingPlan plan = catalog.plans().get(planFor(segment));
        return !progress.complete() && progress.daysSinceStart() < plan.graduateAfterDays();
    }
}
