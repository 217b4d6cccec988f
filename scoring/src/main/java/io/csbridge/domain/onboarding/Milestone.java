package io.csbridge.domain.onboarding;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of onboarding, reached by exactly one of: a product event ({@code event}, the event name),
 * a milestone signal ({@code milestone}, its key), a CRM trait condition ({@code trait}), or a number
 * of distinct users seen ({@code users}). Due {@code dueDays} after the start date.
 */
public record Milestone(String key, String label, double weight, int dueDays,
                        String event, String milestone, TraitCondition trait, Integer users) {

    public static Milestone onEvent(String key, String label, double weight, int dueDays, String event) {
        return new Milestone(key, label, weight, dueDays, event, null, null, null);
    }

    public static Milestone onMilestone(String key, String label, double weight, int dueDays, String milestoneKey) {
        return new Milestone(key, label, weight, dueDays, null, milestoneKey, null, null);
    }

    public static Milestone onTrait(String key, String label, double weight, int dueDays, TraitCondition trait) {
        return new Milestone(key, label, weight, dueDays, null, null, trait, null);
    }

    public static Milestone onUsers(String key, String label, double weight, int dueDays, int users) {
        return new Milestone(key, label, weight, dueDays, null, null, null, users);
    }

    public String displayName() {
        return label == null || label.isBlank() ? key : label;
    }

    void check(String where, List<String> problems) {
        if (key == null || key.isBlank()) problems.add(where + ": a milestone needs a 'key'");
        if (!(weight > 0) || !Double.isFinite(weight)) problems.add(where + ": weight must be a positive number");
        if (dueDays < 0) problems.add(where + ": dueDays must not be negative");
        List<String> set = new ArrayList<>();
        if (event != null) set.add("event");
        if (milestone != null) set.add("milestone");
        if (trait != null) set.add("trait");
        if (users != null) set.add("users");
        if (set.size() != 1) {
            problems.add(where + ": set exactly one of event, milestone, trait, users (found "
                    + (set.isEmpty() ? "none" : String.join(", ", set)) + ")");
        }
        if (event != null && event.isBlank()) problems.add(where + ": 'event' is blank");
        if (milestone != null && milestone.isBlank()) problems.add(where + ": 'milestone' is blank");
        if (trait != null) trait.check(where, problems);
        if (users != null && users < 1) problems.add(where + ": 'users' must be at least 1");
    }
}
