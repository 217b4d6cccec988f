package io.csbridge.domain.risk;

import io.csbridge.domain.score.Driver;
import io.csbridge.domain.score.MeasureReading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies a {@link ChurnRiskConfig} to one account. */
public final class ChurnRisk {

    /**
     * A rule adding less than half a point (it cannot move the rounded risk) counts in the sum but gives
     * no reason: the rhythm rules give every used account a small probability, which is no reason to act.
     */
    static final double MIN_REASON_POINTS = 0.5;

    private final ChurnRiskConfig config;

    public ChurnRisk(ChurnRiskConfig config) {
        this.config = config;
    }

    public RiskAssessment assess(RiskContext context) {
        double[] features = new double[RiskRule.values().length];
        double points = 0;
        List<Driver> reasons = new ArrayList<>();
        for (RiskRuleSpec spec : config.rules()) {
            MeasureReading reading = spec.rule().read(context);
            if (reading.isMissing()) continue;
            double severity = spec.severity(reading.input());
            features[spec.rule().ordinal()] = severity;
            double added = severity * spec.points();
            points += added;
            if (added < MIN_REASON_POINTS) continue;
            Map<String, Object> inputs = new LinkedHashMap<>(reading.inputs());
            inputs.put("severity", Math.round(severity * 100) / 100.0);
            reasons.add(new Driver("risk." + spec.rule().label(), Math.round(severity * 10000) / 100.0,
                    Math.round(added * 100) / 100.0, reading.explanation(), inputs));
        }
        reasons.sort(Comparator.comparingDouble((Driver d) -> -d.contribution()).thenComparing(Driver::measure));
        double rulePoints = Math.min(100, points);
        double fitted = Double.NaN;
        double risk = rulePoints;
        if (config.fitted() != null) {
            fitted = 100 * config.fitted().probability(features, context.facts().customAttributes());
            risk = fitted;
            reasons.add(0, new Driver("risk.fitted", Math.round(fitted * 100) / 100.0, Math.round(fitted * 100) / 100.0,
                    String.format(java.util.Locale.ROOT, "fitted model: %.0f%% churn likelihood (cross-validated AUC %.2f, rules %.2f)",
                            fitted, config.fitted().crossValidatedAuc(), config.fitted().ruleAuc()),
                    Map.of("rulePoints", Math.round(rulePoints * 100) / 100.0)));
        }
        return new RiskAssessment(risk, rulePoints, fitted, reasons, features);
    }
}
