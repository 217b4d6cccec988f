package io.csbridge.domain.health;

import io.csbridge.domain.onboarding.OnboardingProgress;
import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.score.MeasureReading;
import io.csbridge.domain.score.Threshold;

import java.util.List;

/**
 * One measure in a model: its weight (relative; renormalised over the measures that have input) and its
 * thresholds; for {@link Measure#ATTRIBUTE}, the numeric custom account attribute it reads.
 */
public record MeasureSpec(Measure measure, double weight, List<Threshold> thresholds, String attribute) {

    public MeasureSpec {
        thresholds = thresholds == null ? null : List.copyOf(thresholds);
    }

    public MeasureSpec(Measure measure, double weight, List<Threshold> thresholds) {
        this(measure, weight, thresholds, null);
    }

    /** A measure reading numeric custom attribute {@code attribute}. */
    public static MeasureSpec ofAttribute(String attribute, double weight, double... atScorePairs) {
        MeasureSpec s = of(Measure.ATTRIBUTE, weight, atScorePairs);
        return new MeasureSpec(Measure.ATTRIBUTE, weight, s.thresholds(), attribute);
    }

    /** The name in drivers and missing-input notes: the measure's, or {@code attribute:<name>}. */
    public String label() {
        return measure == Measure.ATTRIBUTE ? "attribute:" + attribute : measure.label();
    }

    /** This measure's input for an account, onboarding judged against the plan's schedule (null: not started). */
    public MeasureReading read(AccountFacts facts, OnboardingProgress onboarding) {
        return measure == Measure.ATTRIBUTE ? Measure.readAttribute(facts, attribute) : measure.read(facts, onboarding);
    }

    /** This measure's input for an account, onboarding as a bare completion. */
    public MeasureReading read(AccountFacts facts, double onboardingCompletion) {
        return measure == Measure.ATTRIBUTE ? Measure.readAttribute(facts, attribute) : measure.read(facts, onboardingCompletion);
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
        if (measure == Measure.ATTRIBUTE && (attribute == null || attribute.isBlank())) {
            problems.add(where + ": an attribute measure needs 'attribute' (the custom attribute's name)");
        }
        if (measure != null && measure != Measure.ATTRIBUTE && attribute != null) {
            problems.add(where + ": 'attribute' goes only with the measure ATTRIBUTE");
        }
        if (!(weight >= 0) || !Double.isFinite(weight)) problems.add(where + ": weight must be zero or positive");
        Threshold.check(thresholds, 0, 100, where + ".thresholds", problems);
    }
}
