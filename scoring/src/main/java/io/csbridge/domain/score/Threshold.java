package io.csbridge.domain.score;

import java.util.List;

/**
 * One point of a threshold curve: an input value {@code at} maps to {@code score}. Between points the
 * score is interpolated linearly, beyond the ends it is held, so a curve reads like the table a CS
 * lead would write ("0 active days = 0, 5 = 50, 16 or more = 100") without cliffs at the edges.
 */
public record Threshold(double at, double score) {

    public static Threshold of(double at, double score) {
        return new Threshold(at, score);
    }

    /** The score for {@code x} on a curve whose points are in ascending order of {@code at}. */
    public static double interpolate(List<Threshold> curve, double x) {
        Threshold first = curve.get(0);
        if (x <= first.at) return first.score;
        for (int i = 1; i < curve.size(); i++) {
            Threshold right = curve.get(i);
            if (x <= right.at) {
                Threshold left = curve.get(i - 1);
                double span = right.at - left.at;
                return left.score + (right.score - left.score) * (x - left.at) / span;
            }
        }
        return curve.get(curve.size() - 1).score;
    }

    /** Problems with a curve, each prefixed with {@code where}; empty when it is usable. */
    public static void check(List<Threshold> curve, double minScore, double maxScore, String where, List<String> problems) {
        if (curve == null || curve.size() < 2) {
            problems.add(where + ": needs at least two thresholds");
            return;
        }
        for (int i = 0; i < curve.size(); i++) {
            Threshold t = curve.get(i);
            if (t == null || !Double.isFinite(t.at) || !Double.isFinite(t.score)) {
                problems.add(where + ": threshold " + (i + 1) + " must have finite 'at' and 'score'");
                return;
            }
            if (t.score < minScore || t.score > maxScore) {
                problems.add(where + ": threshold " + (i + 1) + " score " + t.score + " is outside "
                        + minScore + ".." + maxScore);
            }
            if (i > 0 && !(t.at > curve.get(i - 1).at)) {
                problems.add(where + ": thresholds must be in strictly ascending order of 'at' (" + curve.get(i - 1).at
                        + " then " + t.at + ")");
            }
        }
    }
}
