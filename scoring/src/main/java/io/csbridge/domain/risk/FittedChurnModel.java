package io.csbridge.domain.risk;

import java.util.List;

/**
 * A logistic regression fitted to the customer's own churned and retained accounts, over the rule
 * severities ({@link RiskFeatures#NAMES}). Kept with the AUCs it was judged by, so the team can
 * decide whether to trust it over the rules.
 *
 * @param crossValidatedAuc mean AUC over the held-out folds
 * @param ruleAuc           AUC of the rule-based risk on the same accounts
 * @param trainedAsOf       the cut-off the features were taken at (ISO instant)
 */
public record FittedChurnModel(List<String> features, double intercept, List<Double> coefficients,
                               double lambda, int folds, double crossValidatedAuc, double ruleAuc,
                               int accounts, int churned, String trainedAsOf) {

    public FittedChurnModel {
        features = features == null ? null : List.copyOf(features);
        coefficients = coefficients == null ? null : List.copyOf(coefficients);
    }

    /**
     * The probability of churn, 0-1. A model fitted before later rules were added has no coefficient
     * for them: they count as zero.
     */
    public double probability(double[] x) {
        double z = intercept;
        for (int i = 0; i < Math.min(x.length, coefficients.size()); i++) z += coefficients.get(i) * x[i];
        return LogisticRegression.sigmoid(z);
    }

    void check(String where, List<String> problems) {
        if (features == null || coefficients == null || features.isEmpty() || features.size() > RiskFeatures.NAMES.size()
                || !features.equals(RiskFeatures.NAMES.subList(0, features.size()))) {
            problems.add(where + ": features must be exactly " + RiskFeatures.NAMES + " (or, for a model fitted before"
                    + " the later rules existed, a leading part of that list)");
        } else if (coefficients.size() != features.size()) {
            problems.add(where + ": needs one coefficient per feature (" + features.size() + ")");
        } else {
            for (Double c : coefficients) {
                if (c == null || !Double.isFinite(c)) problems.add(where + ": coefficients must be finite numbers");
            }
        }
        if (!Double.isFinite(intercept)) problems.add(where + ": intercept must be a finite number");
    }
}
