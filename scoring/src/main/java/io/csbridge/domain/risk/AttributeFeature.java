package io.csbridge.domain.risk;

import java.util.List;
import java.util.Map;

/**
 * One input of the fitted churn model read from a custom account attribute, with its coefficient.
 * A categorical attribute gives one indicator per level ({@code level} set: 1 when the attribute has
 * that value, else 0: one-hot); a numeric one ({@code level} null) is standardised,
 * {@code (value - mean) / scale}, and counts as its mean (0) when absent or not a number.
 */
public record AttributeFeature(String attribute, String level, double mean, double scale, double coefficient) {

    /** A numeric attribute, standardised. */
    public static AttributeFeature number(String attribute, double mean, double scale) {
        return new AttributeFeature(attribute, null, mean, scale, 0);
    }

    /** One level of a categorical attribute. */
    public static AttributeFeature category(String attribute, String level) {
        return new AttributeFeature(attribute, level, 0, 1, 0);
    }

    public AttributeFeature withCoefficient(double c) {
        return new AttributeFeature(attribute, level, mean, scale, c);
    }

    /** This input's value for an account with these custom attributes. */
    public double encode(Map<String, String> attributes) {
        String v = attributes.get(attribute);
        if (level != null) return v != null && v.equals(level) ? 1 : 0;
        double x = AttributeEncoding.number(v);
        return Double.isNaN(x) ? 0 : (x - mean) / scale;
    }

    void check(String where, List<String> problems) {
        if (attribute == null || attribute.isBlank()) problems.add(where + ": 'attribute' is required");
        if (!Double.isFinite(mean) || !(scale > 0) || !Double.isFinite(scale)) {
            problems.add(where + ": mean must be finite and scale positive");
        }
        if (!Double.isFinite(coefficient)) problems.add(where + ": coefficient must be a finite number");
    }
}
