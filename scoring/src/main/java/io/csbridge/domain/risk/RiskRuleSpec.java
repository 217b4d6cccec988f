package io.csbridge.domain.risk;

import io.csbridge.domain.score.Threshold;

import java.util.ArrayList;
import java.util.List;

/**
 * One churn-risk rule in the configuration: {@code points} at full severity, and thresholds mapping
 * the rule's input to a severity between 0 and 1.
 */
public record RiskRuleSpec(RiskRule rule, double points, List<Threshold> thresholds) {

    public RiskRuleSpec {
        thresholds = thresholds == null ? null : List.copyOf(thresholds);
    }

    public static RiskRuleSpec of(RiskRule rule, double points, double... atSeverityPairs) {
        List<Threshold> curve = new ArrayList<>();
        for (int i = 0; i + 1 < atSeverityPairs.length; i += 2) curve.add(new Threshold(atSeverityPairs[i], atSeverityPairs[i + 1]));
        return new RiskRuleSpec(rule, points, curve);
    }

    public double severity(double input) {
        return Threshold.interpolate(thresholds, input);
    }

    void check(String where, List<String> problems) {
        if (rule == null) problems.add(where + ": 'rule' is required (one of " + java.util.Arrays.toString(RiskRule.values()) + ")");
        if (!(points >= 0 && points <= 100)) problems.add(where + ": points must be between 0 and 100");
        if (thresholds == null || thresholds.size() < 2) {
            problems.add(where + ".thresholds: needs at least two thresholds");
            return;
        }
        for (int i = 0; i < thresholds.size(); i++) {
            Threshold t = thresholds.get(i);
            if (t == null || !Double.isFinite(t.at()) || !(t.score() >= 0 && t.score() <= 1)) {
                problems.add(where + ".thresholds[" + i + "]: 'at' must be finite and 'score' (the severity) between 0 and 1");
            } else if (i > 0 && thresholds.get(i - 1) != null && !(t.at() > thresholds.get(i - 1).at())) {
                problems.add(where + ".thresholds: must be in strictly ascending order of 'at'");
            }
        }
    }
}
