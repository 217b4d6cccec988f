package io.csbridge.domain.risk;

/**
 * One account in a backtest or a fit: its rule severities and rule-based risk as of the cut-off, and
 * whether it churned afterwards.
 */
public record ChurnExample(String accountId, double[] features, double ruleRisk, boolean churned) {
}
