package io.csbridge.domain.risk;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Ranking quality of a score against outcomes: the area under the ROC curve, computed as the
 * Mann-Whitney U statistic (the chance that a random positive outranks a random negative, ties
 * counting half), and precision among the top-scored share; and, for scores that are probabilities,
 * their calibration (Brier score).
 */
public final class Auc {

    private Auc() {
    }

    /** AUC of {@code scores} (higher = more likely positive) against {@code positive}; NaN if a class is empty. */
    public static double of(double[] scores, boolean[] positive) {
        int n = scores.length;
        if (positive.length != n) throw new IllegalArgumentException("one label per score");
        Integer[] order = sortedAscending(scores);
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) j++;
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (positive[order[k]]) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return Double.NaN;
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /**
     * The share of positives among the top {@code fraction} of scores (at least one account). Accounts
     * tied at the cut are counted by their expected share, so the figure never depends on input order.
     */
    public static double precisionAtTop(double[] scores, boolean[] positive, double fraction) {
        int n = scores.length;
        if (n == 0) return Double.NaN;
        int k = Math.max(1, (int) Math.ceil(n * fraction));
        Integer[] order = sortedAscending(scores);
        double cut = scores[order[n - k]];
        int above = 0;
        int positivesAbove = 0;
        int tied = 0;
        int positivesTied = 0;
        for (int i = 0; i < n; i++) {
            if (scores[i] > cut) {
                above++;
                if (positive[i]) positivesAbove++;
            } else if (scores[i] == cut) {
                tied++;
                if (positive[i]) positivesTied++;
            }
        }
        double fromTies = (k - above) * (double) positivesTied / tied;
        return (positivesAbove + fromTies) / k;
    }

    private static Integer[] sortedAscending(double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        return order;
    }

    /**
     * The Brier score of {@code probabilities} (0-1) against {@code positive}: the mean squared
     * difference between forecast and outcome; 0 is perfect, and always forecasting the base rate p
     * scores p(1-p).
     */
    public static double brier(double[] probabilities, boolean[] positive) {
        if (positive.length != probabilities.length) throw new IllegalArgumentException("one label per score");
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - (positive[i] ? 1 : 0);
            sum += d * d;
        }
        return probabilities.length == 0 ? Double.NaN : sum / probabilities.length;
    }
}
