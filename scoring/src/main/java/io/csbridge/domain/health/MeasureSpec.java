package io.csbridge.domain.health;

import io.csbridge.domain.score.Threshold;

import java.util.List;

/** One measure in a model: its weight (relative; renormalised over the measures that have input) and its thresholds. */
public record MeasureSpec(Measure measure, double weight, List<Threshold> thresholds) {

    public MeasureSpec {
        thresholds = thresholds == null ? null : List.copyOf(thresholds);
    }

    public static MeasureSpec of(Measure measure, double weight, double... atScorePairs) {
        if (atScorePairs.length % 2 != 0) throw new IllegalArgumentException("thresholds come in (at, score) pairs");
        Threshold[] points = new Threshold[atScorePairs.length / 2];
        for (int i = 0; i < points.length; i++) points[i] = new Threshold(atScorePairs[2 * i], atScorePairs[2 * i + 1]);
        return new MeasureSpec(measure, weight, List.of(points));
    }

    public double valueOf(double input) {
        return Threshold.interpolate(thresholds, input);
    }

    void check(String where, List<String> problems) {
        if (measure == null) {
            problems.add(where + ": 'measure' is required (one of " + java.util.Arrays.toString(Measure.values()) + ")");
        }
        if (!(weight >= 0) || !Double.isFinite(weight)) problems.add(where + ": weight must be zero or positive");
        Threshold.check(thresholds, 0, 100, where + ".thresholds", problems);
    }
}
