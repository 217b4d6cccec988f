package io.csbridge.domain.risk;

import io.csbridge.domain.score.Driver;

import java.util.List;

/**
 * Churn risk 0-100 with its reasons (one driver per rule that added at least half a point, largest first) and the
 * rule severities, which are also the fitted model's features.
 *
 * @param rulePoints the rules' sum, capped at 100
 * @param fitted     the fitted model's figure (0-100), or NaN when no model is configured
 */
public record RiskAssessment(double risk, double rulePoints, double fitted, List<Driver> reasons, double[] features) {

    public RiskAssessment {
        reasons = List.copyOf(reasons);
    }

    public int roundedRisk() {
        return (int) Math.round(risk);
    }
}
