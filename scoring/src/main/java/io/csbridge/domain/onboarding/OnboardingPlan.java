package io.csbridge.domain.onboarding;

import io.csbridge.domain.signal.Attributes;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What "onboarded" means for one segment: weighted milestones with due days from the start date.
 *
 * @param segment           the segment label it applies to, or "*" for any
 * @param stalledAfterDays  an overdue plan with no progress for this long is stalled
 * @param graduateAfterDays after this many days an account counts as adopted even if incomplete
 * @param valueMilestone    the milestone whose first reach is "time to value"; null = full completion
 */
public record OnboardingPlan(String name, String segment, int stalledAfterDays, int graduateAfterDays,
                             String valueMilestone, List<Milestone> milestones) {

    public static final String ANY_SEGMENT = "*";

    public OnboardingPlan {
        milestones = milestones == null ? null : List.copyOf(milestones);
    }

    /** A plan that fits most B2B products: log in, set up, connect, invite the team, get value. */
    public static OnboardingPlan standard() {
        return new OnboardingPlan("standard", ANY_SEGMENT, 14, 90, "first-value", List.of(
                Milestone.onEvent("first-login", "first login", 10, 3, "Signed In"),
                Milestone.onMilestone("setup-completed", "initial setup completed", 20, 14, "setup-completed"),
                Milestone.onMilestone("integration-connected", "integration connected", 20, 21, "integration-connected"),
                Milestone.onUsers("team-invited", "3 users active", 20, 30, 3),
                Milestone.onMilestone("first-value", "first value event", 30, 45, "first-value")));
    }

    public boolean appliesTo(String segmentLabel) {
        return ANY_SEGMENT.equals(segment) || segment.equals(segmentLabel);
    }

    public void check(String where, List<String> problems) {
        if (name == null || name.isBlank()) problems.add(where + ": a plan needs a 'name'");
        if (segment == null || segment.isBlank()) problems.add(where + ": 'segment' is required (use \"*\" for any)");
        if (stalledAfterDays < 1) problems.add(where + ": stalledAfterDays must be at least 1");
        if (graduateAfterDays < 1) problems.add(where + ": graduateAfterDays must be at least 1");
        if (milestones == null || milestones.isEmpty()) {
            problems.add(where + ": a plan needs at least one milestone");
            return;
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < milestones.size(); i++) {
            Milestone m = milestones.get(i);
            String at = where + ".milestones[" + i + "]";
            if (m == null) {
                problems.add(at + ": is empty");
                continue;
            }
            m.check(at, problems);
            if (m.key() != null && !keys.add(m.key())) problems.add(at + ": duplicate milestone key '" + m.key() + "'");
            if (m.trait() != null && Attributes.CHURNED.equals(m.trait().trait())) {
                problems.add(at + ": 'churned' is not an onboarding milestone");
            }
        }
        if (valueMilestone != null && !keys.contains(valueMilestone)) {
            problems.add(where + ": valueMilestone '" + valueMilestone + "' is not one of the plan's milestone keys");
        }
    }
}
