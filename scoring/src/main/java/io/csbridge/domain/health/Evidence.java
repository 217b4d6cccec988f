package io.csbridge.domain.health;

import io.csbridge.domain.score.Driver;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The driver that says how much evidence a health score rests on: which measures were left out for
 * lack of input, and, when too little was known, that the account is not judged (band Unknown).
 */
final class Evidence {

    /** The driver's measure name. */
    static final String MEASURE = "evidence";

    private Evidence() {
    }

    /**
     * @param evidence        0-1, share of the model's weight whose measures' sources had data
     * @param minEvidence     0-1, the share needed to judge
     * @param missing         "measure: why" lines, one per measure without input
     * @param missingMeasures the labels of those measures
     */
    static Driver driver(double evidence, double minEvidence, boolean unknown, List<String> missing,
                         List<String> missingMeasures) {
        String why = String.join("; ", missing);
        String explanation = unknown
                ? "too little evidence to judge: data for " + percent(evidence) + "% of the model's weight, "
                + percent(minEvidence) + "% needed (" + why + ")"
                : "left out for lack of input: " + why;
        Map<String, Object> inputs = new LinkedHashMap<>();
        inputs.put("evidence", percent(evidence));
        inputs.put("minEvidence", percent(minEvidence));
        inputs.put("unknown", unknown);
        inputs.put("missing", List.copyOf(missingMeasures));
        inputs.put("weight", 0.0);
        inputs.put("impact", 0.0);
        return new Driver(MEASURE, percent(evidence), 0, explanation, inputs);
    }

    private static long percent(double share) {
        return Math.round(share * 100);
    }
}
