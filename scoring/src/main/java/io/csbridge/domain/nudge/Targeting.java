package io.csbridge.domain.nudge;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Whom a nudge is for. Every condition that is set must hold; an empty one holds for everyone.
 *
 * @param segment          the account's segment
 * @param band             the account's health band (Green, Yellow, Red, Unknown)
 * @param stage            the account's lifecycle stage (onboarding, adopted)
 * @param missingMilestone an onboarding milestone the account has not reached
 * @param inactiveDays     the user was last active at least this many days before today (0: no condition;
 *                         a user never active before does not count as inactive)
 * @param attributes       custom attributes that must have exactly these values
 */
public record Targeting(String segment, String band, String stage, String missingMilestone, int inactiveDays,
                        Map<String, String> attributes) {

    public Targeting {
        segment = segment == null ? "" : segment;
        band = band == null ? "" : band;
        stage = stage == null ? "" : stage;
        missingMilestone = missingMilestone == null ? "" : missingMilestone;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static Targeting everyone() {
        return new Targeting("", "", "", "", 0, Map.of());
    }

    public boolean matches(UserMoment user, Instant now) {
        if (!segment.isEmpty() && !segment.equalsIgnoreCase(user.segment())) return false;
        if (!band.isEmpty() && !band.equalsIgnoreCase(user.band())) return false;
        if (!stage.isEmpty() && !stage.equalsIgnoreCase(user.stage())) return false;
        if (!missingMilestone.isEmpty() && user.reachedMilestones().contains(missingMilestone)) return false;
        if (inactiveDays > 0 && (user.previousActiveAt() == null
                || user.previousActiveAt().isAfter(now.minus(Duration.ofDays(inactiveDays))))) return false;
        for (Map.Entry<String, String> wanted : attributes.entrySet()) {
            if (!wanted.getValue().equals(user.attributes().get(wanted.getKey()))) return false;
        }
        return true;
    }
}
