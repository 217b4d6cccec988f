package io.csbridge.domain.segment;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Touch models by account value: the first tier (highest minimum first) the account reaches.
 * An account with no ARR on record gets {@code unknownLabel}: no value known, no personal owner.
 * Before the tiers, the first of the {@code attributeRules} (custom account attributes, e.g. an
 * {@code industry} or a {@code contract} trait) that matches gives the segment; none by default.
 *
 * @param grossMargin      for LTV: the share of revenue kept (0-1)
 * @param annualChurnRate  for LTV: expected lifetime in years is 1 / this, at most {@code maxLifetimeYears}
 */
public record SegmentPolicy(SegmentBasis basis, List<SegmentTier> tiers, String unknownLabel,
                            double grossMargin, double annualChurnRate, double maxLifetimeYears,
                            List<SegmentRule> attributeRules) {

    public static final String HIGH_TOUCH = "high-touch";
    public static final String LOW_TOUCH = "low-touch";
    public static final String TECH_TOUCH = "tech-touch";

    public SegmentPolicy {
        tiers = tiers == null ? null : List.copyOf(tiers);
        attributeRules = attributeRules == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(attributeRules));
    }

    /** A policy by value tiers only. */
    public SegmentPolicy(SegmentBasis basis, List<SegmentTier> tiers, String unknownLabel,
                         double grossMargin, double annualChurnRate, double maxLifetimeYears) {
        this(basis, tiers, unknownLabel, grossMargin, annualChurnRate, maxLifetimeYears, List.of());
    }

    public static SegmentPolicy standard() {
        return new SegmentPolicy(SegmentBasis.ARR, List.of(
                new SegmentTier(HIGH_TOUCH, 100_000),
                new SegmentTier(LOW_TOUCH, 10_000),
                new SegmentTier(TECH_TOUCH, 0)), TECH_TOUCH, 0.8, 0.1, 10);
    }

    /** Every label this policy can give. */
    public List<String> labels() {
        List<String> out = new java.util.ArrayList<>();
        for (SegmentRule r : attributeRules) if (!out.contains(r.label())) out.add(r.label());
        for (SegmentTier t : tiers) if (!out.contains(t.label())) out.add(t.label());
        if (!out.contains(unknownLabel)) out.add(unknownLabel);
        return out;
    }

    /** The first attribute rule that matches the account's custom attributes, else its value tier. */
    public String classify(double arr, java.util.Map<String, String> customAttributes) {
        for (SegmentRule rule : attributeRules) if (rule.matches(customAttributes)) return rule.label();
        return classify(arr);
    }

    public String classify(double arr) {
        if (Double.isNaN(arr)) return unknownLabel;
        double value = basis == SegmentBasis.LTV ? lifetimeValue(arr) : arr;
        for (SegmentTier tier : tiers) {
            if (value >= tier.minimum()) return tier.label();
        }
        return tiers.get(tiers.size() - 1).label();
    }

    /** LTV = ARR x gross margin x lifetime, lifetime = 1 / churn rate (purchases are yearly: ARR). */
    public double lifetimeValue(double arr) {
        return arr * grossMargin * lifetimeYears(annualChurnRate);
    }

    public double lifetimeYears(double churnRate) {
        return churnRate > 0 ? Math.min(maxLifetimeYears, 1 / churnRate) : maxLifetimeYears;
    }

    public void check(String where, List<String> problems) {
        if (basis == null) problems.add(where + ": 'basis' is required (ARR or LTV)");
        if (unknownLabel == null || unknownLabel.isBlank()) problems.add(where + ": 'unknownLabel' is required");
        if (!(grossMargin > 0 && grossMargin <= 1)) problems.add(where + ": grossMargin must be in (0, 1]");
        if (!(annualChurnRate >= 0 && annualChurnRate <= 1)) problems.add(where + ": annualChurnRate must be in [0, 1]");
        if (!(maxLifetimeYears > 0)) problems.add(where + ": maxLifetimeYears must be positive");
        for (int i = 0; i < attributeRules.size(); i++) {
            SegmentRule rule = attributeRules.get(i);
            if (rule == null) problems.add(where + ".attributeRules[" + i + "]: is empty");
            else rule.check(where + ".attributeRules[" + i + "]", problems);
        }
        if (tiers == null || tiers.isEmpty()) {
            problems.add(where + ": at least one tier is required");
            return;
        }
        Set<String> labels = new HashSet<>();
        for (int i = 0; i < tiers.size(); i++) {
            SegmentTier tier = tiers.get(i);
            String at = where + ".tiers[" + i + "]";
            if (tier == null || tier.label() == null || tier.label().isBlank()) {
                problems.add(at + ": a tier needs a 'label'");
                continue;
            }
            if (!labels.add(tier.label())) problems.add(at + ": duplicate label '" + tier.label() + "'");
            if (!Double.isFinite(tier.minimum()) || tier.minimum() < 0) problems.add(at + ": minimum must be zero or more");
            if (i > 0 && tiers.get(i - 1) != null && !(tier.minimum() < tiers.get(i - 1).minimum())) {
                problems.add(at + ": tiers must be listed from the highest minimum to the lowest");
            }
        }
    }
}
