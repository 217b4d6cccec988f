package io.csbridge.domain.risk;

import java.util.Map;

/**
 * One account in a backtest or a fit: its rule severities and rule-based risk as of the cut-off, its
 * custom attributes then, and whether it churned afterwards.
 */
public record ChurnExample(String accountId, double[] features, double ruleRisk, boolean churned,
                           Map<String, String> attributes) {

    public ChurnExample {
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** An example without custom attributes. */
    public ChurnExample(String accountId, double[] features, double ruleRisk, boolean churned) {
        this(accountId, features, ruleRisk, churned, Map.of());
    }
}
