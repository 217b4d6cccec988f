package io.csbridge.domain.onboarding;

import java.util.List;

/**
 * Where an account stands on its onboarding plan.
 *
 * @param completion     0-100, the weighted share of milestones reached
 * @param timeToValueDays days from the start to the plan's value milestone (or full completion), null if not yet
 * @param overdue        milestones past their due day and not reached, by display name
 * @param daysSinceStart whole days since onboarding started
 * @param dueByNow       0-100, the weighted share of milestones whose due day has passed
 * @param onSchedule     0-100, how much of what is due by now was reached: 100 while on track (or
 *                       nothing is due yet), so an account is judged against its plan's schedule
 */
public record OnboardingProgress(String plan, double completion, OnboardingState state, Integer timeToValueDays,
                                 List<String> reached, List<String> overdue, long daysSinceStart,
                                 double dueByNow, double onSchedule) {

    public OnboardingProgress {
        reached = List.copyOf(reached);
        overdue = List.copyOf(overdue);
    }

    public boolean complete() {
        return state == OnboardingState.COMPLETED;
    }
}
