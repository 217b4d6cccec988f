package io.csbridge.domain.risk;

import java.util.List;
import java.util.Map;

/**
 * A logistic regression fitted to the customer's own churned and retained accounts, over the rule
 * severities ({@link RiskFeatures#NAMES}) and the custom account attributes ({@code attributes}: each
 * with its encoding and coefficient, so scoring reproduces the fit). Kept with the AUCs it was judged
 * by, so the team can decide whether to trust it over the rules. A model saved before attributes
 * existed has none ({@code attributes} absent or null reads as empty).
 *
 * @param crossValidatedAuc mean AUC over the held-out folds
 * @param ruleAuc           AUC of the rule-based risk on the same accounts
 * @param trainedAsOf       the cut-off the features were taken at (ISO instant)
 */
public record FittedChurnModel(List<String> features, double intercept, List<Double> coefficients,
                               double lambda, int folds, double crossValidatedAuc, double ruleAuc,
                               int accounts, int churned, String trainedAsOf, List<AttributeFeature> attributes) {

    public FittedChurnModel {
        features = features == null ? null : List.copyOf(features);
        coefficients = coefficients == null ? null : List.copyOf(coefficients);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /** A model over the rule severities only. */
    public FittedChurnModel(List<String> features, double intercept, List<Double> coefficients, double lambda, int folds,
                            double crossValidatedAuc, double ruleAuc, int accounts, int churned, String trainedAsOf) {
        this(features, intercept, coefficients, lambda, folds, crossValidatedAuc, ruleAuc, accounts, churned,
                trainedAsOf, List.of());
    }

    /** The probability of churn, 0-1, from the rule severities and the account's custom attributes. */
    public double probability(double[] x, Map<String, String> customAttributes) {
        double z = intercept;
        for (int i = 0; i < Math.min(x.length, coefficients.size()); i++) z += coefficients.get(i) * x[i];
        for (AttributeFeature a : attributes) z += a.coefficient() * a.encode(customAttributes);
        return LogisticRegression.sigmoid(z);
    }

    /**
     * The probability of churn, 0-1. A model fitted before later rules were added has no coefficient
     * for them: they count as zero.
     */
    public double probability(double[] x) {
        return probability(x, Map.of());
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
        for (int i = 0; i < attributes.size(); i++) {
            AttributeFeature a = attributes.get(i);
            if (a == null) problems.add(where + ".attributes[" + i + "]: is empty");
            else a.check(where + ".attributes[" + i + "]", problems);
        }
    }
}
