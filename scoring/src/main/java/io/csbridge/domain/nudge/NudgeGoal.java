package io.csbridge.domain.nudge;

/**
 * What counts as success for a nudge: a {@code track} event the user sends, or an onboarding
 * milestone the account reaches. Either may be empty; with both empty the nudge has no goal.
 */
public record NudgeGoal(String event, String milestone) {

    public NudgeGoal {
        event = event == null ? "" : event;
        milestone = milestone == null ? "" : milestone;
    }

    public static NudgeGoal none() {
        return new NudgeGoal("", "");
    }

    public boolean defined() {
        return !event.isEmpty() || !milestone.isEmpty();
    }

    /** Whether the user (or their account) has reached it in {@code moment}. */
    public boolean reachedBy(UserMoment moment) {
        return (!event.isEmpty() && moment.userEvents().contains(event))
                || (!milestone.isEmpty() && moment.reachedMilestones().contains(milestone));
    }
}
