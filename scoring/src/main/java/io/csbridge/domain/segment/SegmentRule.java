package io.csbridge.domain.segment;

import java.util.List;
import java.util.Map;

/**
 * A segment given by a custom account attribute, before the value tiers: accounts whose attribute
 * {@code attribute} equals {@code equals} (ignoring case), or is a number at least {@code atLeast},
 * get {@code label}. Exactly one of {@code equals} and {@code atLeast} is set.
 */
public record SegmentRule(String attribute, String equals, Double atLeast, String label) {

    public boolean matches(Map<String, String> customAttributes) {
        String value = customAttributes.get(attribute);
        if (value == null || value.isBlank()) return false;
        if (equals != null) return equals.equalsIgnoreCase(value.trim());
        try {
            double x = Double.parseDouble(value.trim());
            return Double.isFinite(x) && x >= atLeast;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    void check(String where, List<String> problems) {
        if (attribute == null || attribute.isBlank()) problems.add(where + ": 'attribute' is required");
        if (label == null || label.isBlank()) problems.add(where + ": 'label' is required");
        if ((equals == null) == (atLeast == null)) problems.add(where + ": give exactly one of 'equals' and 'atLeast'");
        if (atLeast != null && !Double.isFinite(atLeast)) problems.add(where + ": atLeast must be a finite number");
    }
}
