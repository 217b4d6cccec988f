package io.csbridge.domain.risk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the fitted churn model turns custom account attributes into numbers, learnt from the training
 * accounts without looking at their labels: an attribute every non-blank value of which is a number is
 * standardised (mean 0, standard deviation 1, absent values at the mean); any other is one-hot over its
 * {@link #MAX_LEVELS} most frequent values seen at least {@link #MIN_LEVEL_COUNT} times (rarer values
 * read as all zeros). An attribute with no spread (one value only) carries nothing and is left out.
 * At most {@link #MAX_INPUTS} inputs in all (the fit's cost grows with their square): attributes that
 * more accounts have come first.
 */
public final class AttributeEncoding {

    public static final int MAX_LEVELS = 30;
    public static final int MIN_LEVEL_COUNT = 2;
    public static final int MAX_INPUTS = 200;

    private final List<AttributeFeature> features;

    private AttributeEncoding(List<AttributeFeature> features) {
        this.features = List.copyOf(features);
    }

    public List<AttributeFeature> features() {
        return features;
    }

    public int size() {
        return features.size();
    }

    /** Learns the encoding from the accounts' custom attributes (attribute names in alphabetical order). */
    public static AttributeEncoding learn(List<Map<String, String>> accounts) {
        Map<String, Integer> coverage = new TreeMap<>();
        for (Map<String, String> a : accounts) for (String name : a.keySet()) coverage.merge(name, 1, Integer::sum);
        List<String> names = coverage.keySet().stream()
                .sorted(Comparator.comparing((String name) -> -coverage.get(name)).thenComparing(name -> name)).toList();
        List<AttributeFeature> out = new ArrayList<>();
        for (String name : names) {
            List<AttributeFeature> inputs = new ArrayList<>();
            boolean numeric = true;
            int present = 0;
            double sum = 0, sumSquares = 0;
            Map<String, Integer> counts = new TreeMap<>();
            for (Map<String, String> a : accounts) {
                String v = a.get(name);
                if (v == null || v.isBlank()) continue;
                counts.merge(v, 1, Integer::sum);
                double x = number(v);
                if (Double.isNaN(x)) { numeric = false; continue; }
                present++;
                sum += x;
                sumSquares += x * x;
            }
            if (numeric && present > 1) {
                double mean = sum / present;
                double sd = Math.sqrt(Math.max(0, sumSquares / present - mean * mean));
                if (sd > 1e-12) inputs.add(AttributeFeature.number(name, mean, sd));
            } else if (!numeric && counts.size() > 1) {
                counts.entrySet().stream()
                        .filter(e -> e.getValue() >= MIN_LEVEL_COUNT)
                        .sorted(Comparator.comparing((Map.Entry<String, Integer> e) -> -e.getValue()).thenComparing(Map.Entry::getKey))
                        .limit(MAX_LEVELS)
                        .forEach(e -> inputs.add(AttributeFeature.category(name, e.getKey())));
            }
            if (out.size() + inputs.size() <= MAX_INPUTS) out.addAll(inputs);
        }
        out.sort(Comparator.comparing(AttributeFeature::attribute));
        return new AttributeEncoding(out);
    }

    /** The rule severities followed by the encoded attributes: one row of the model's inputs. */
    public double[] row(double[] severities, Map<String, String> attributes) {
        double[] x = java.util.Arrays.copyOf(severities, severities.length + features.size());
        for (int i = 0; i < features.size(); i++) x[severities.length + i] = features.get(i).encode(attributes);
        return x;
    }

    /** A plain decimal number, or NaN. */
    static double number(String text) {
        if (text == null || text.isBlank()) return Double.NaN;
        try {
            double v = Double.parseDouble(text.trim());
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
