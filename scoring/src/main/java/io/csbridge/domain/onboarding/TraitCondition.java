package io.csbridge.domain.onboarding;

import io.csbridge.domain.signal.Signal;

import java.util.List;

/**
 * A CRM field condition on account traits: the trait equals a text ({@code equals}), reaches a number
 * ({@code atLeast}), or, with neither set, is present and not blank.
 */
public record TraitCondition(String trait, String equals, Double atLeast) {

    public static TraitCondition equalTo(String trait, String value) {
        return new TraitCondition(trait, value, null);
    }

    public static TraitCondition atLeast(String trait, double value) {
        return new TraitCondition(trait, null, value);
    }

    public boolean isMetBy(Signal traits) {
        String value = traits.attribute(trait);
        if (value == null || value.isBlank()) return false;
        if (equals != null) return equals.equalsIgnoreCase(value.trim());
        if (atLeast != null) {
            try {
                return Double.parseDouble(value.trim()) >= atLeast;
            } catch (NumberFormatException notANumber) {
                return false;
            }
        }
        return true;
    }

    void check(String where, List<String> problems) {
        if (trait == null || trait.isBlank()) problems.add(where + ": a trait condition needs 'trait'");
        if (equals != null && atLeast != null) problems.add(where + ": a trait condition takes 'equals' or 'atLeast', not both");
    }
}
