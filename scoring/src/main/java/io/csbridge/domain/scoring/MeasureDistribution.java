package io.csbridge.domain.scoring;

import io.csbridge.domain.health.Measure;
import io.csbridge.domain.score.MeasureReading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the current portfolio's values of one measure look like, for the small chart beside a measure's
 * thresholds in the model editor: how many accounts have an input, how many do not, and a histogram
 * of the inputs in {@link #BINS} equal bins from the lowest to the highest. Pure.
 *
 * @param measure   the measure's label ({@code activeDays}, ...) or {@code attribute:<name>}
 * @param accounts  accounts with an input
 * @param missing   accounts without one
 * @param low       the lowest input (NaN when none)
 * @param high      the highest input (NaN when none)
 * @param counts    accounts per bin; bin i covers [low + i*width, low + (i+1)*width), the last one closed
 * @param quartiles the 25th, 50th and 75th percentile of the inputs (empty when none)
 */
public record MeasureDistribution(String measure, int accounts, int missing, double low, double high,
                                  List<Integer> counts, List<Double> quartiles) {

    public static final int BINS = 12;

    public MeasureDistribution {
        counts = List.copyOf(counts);
        quartiles = List.copyOf(quartiles);
    }

    /**
     * Every measure's distribution at {@code now}, read as {@code config} reads it (onboarding against the
     * account's plan); numeric custom attributes any account has, as {@code attribute:<name>}.
     */
    public static List<MeasureDistribution> portfolio(List<AccountHistory> histories, ScoringConfig config, Instant now) {
        ModelScorer scorer = new ModelScorer(config);
        List<AccountEvaluation> evaluations = new ArrayList<>();
        TreeSet<String> attributes = new TreeSet<>();
        for (AccountHistory history : histories) {
            if (history.upTo(now).isEmpty()) continue;
            AccountEvaluation e = scorer.evaluate(history, now);
            evaluations.add(e);
            e.facts().customAttributes().keySet().stream()
                    .filter(name -> !Double.isNaN(e.facts().customNumber(name))).forEach(attributes::add);
        }
        Map<String, List<MeasureReading>> readings = new LinkedHashMap<>();
        for (Measure m : Measure.values()) {
            if (m == Measure.ATTRIBUTE) continue;
            readings.put(m.label(), evaluations.stream().map(e -> m.read(e.facts(), e.onboarding())).toList());
        }
        for (String name : attributes) {
            readings.put("attribute:" + name, evaluations.stream().map(e -> Measure.readAttribute(e.facts(), name)).toList());
        }
        List<MeasureDistribution> out = new ArrayList<>();
        readings.forEach((label, list) -> out.add(of(label, list)));
        return out;
    }

    /** The distribution of one measure's readings. */
    public static MeasureDistribution of(String measure, List<MeasureReading> readings) {
        double[] inputs = readings.stream().filter(r -> !r.isMissing() && Double.isFinite(r.input()))
                .mapToDouble(MeasureReading::input).sorted().toArray();
        int missing = readings.size() - inputs.length;
        if (inputs.length == 0) return new MeasureDistribution(measure, 0, missing, Double.NaN, Double.NaN, List.of(), List.of());
        double low = inputs[0];
        double high = inputs[inputs.length - 1];
        int[] counts = new int[BINS];
        double width = (high - low) / BINS;
        for (double x : inputs) {
            int bin = width == 0 ? 0 : (int) Math.min(BINS - 1, Math.floor((x - low) / width));
            counts[bin]++;
        }
        List<Integer> bins = new ArrayList<>(Arrays.stream(counts).boxed().toList());
        return new MeasureDistribution(measure, inputs.length, missing, low, high, bins,
                List.of(percentile(inputs, 0.25), percentile(inputs, 0.5), percentile(inputs, 0.75)));
    }

    /** Linear interpolation between the closest ranks of sorted {@code xs}. */
    static double percentile(double[] xs, double p) {
        double rank = p * (xs.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(xs.length - 1, below + 1);
        return xs[below] + (rank - below) * (xs[above] - xs[below]);
    }
}
