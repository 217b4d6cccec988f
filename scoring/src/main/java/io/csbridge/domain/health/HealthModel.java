package io.csbridge.domain.health;

import io.csbridge.domain.onboarding.OnboardingProgress;
import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;
import io.csbridge.domain.score.HealthAssessment;
import io.csbridge.domain.score.MeasureReading;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A weighted sum of measures, each mapped to 0-100 by thresholds, giving a 0-100 score and a band.
 * Measures an account has no input for are left out and the other weights renormalised, so a
 * customer without a Zendesk connection is not marked down for having no tickets; an "evidence" driver
 * names them. When the measures with inputs carry less than the bands' {@code minEvidence} of the
 * weight, the band is {@link Band#UNKNOWN}: a new account with no data is not Red.
 *
 * @param segment the segment label it applies to, or "*" for any
 * @param stage   the lifecycle stage it applies to, or ANY
 */
public record HealthModel(String name, String segment, LifecycleStage stage, BandThresholds bands,
                         List<MeasureSpec> measures) {

    public static final String ANY_SEGMENT = "*";
    /** With no input at all there is nothing to judge: the middle of the scale, and band Unknown. */
    static final double NO_INPUT_SCORE = 50;

    public HealthModel {
        measures = measures == null ? null : List.copyOf(measures);
    }

    public boolean appliesTo(String segmentLabel, LifecycleStage accountStage) {
        return (ANY_SEGMENT.equals(segment) || segment.equals(segmentLabel)) && stage.covers(accountStage);
    }

    /** For adopted accounts: usage first, then support, voice of the customer and commercial signals. */
    public static HealthModel adopted() {
        return new HealthModel("adopted", ANY_SEGMENT, LifecycleStage.ADOPTED, BandThresholds.standard(), List.of(
                MeasureSpec.of(Measure.ACTIVE_DAYS, 20, 0, 0, 2, 20, 5, 50, 10, 75, 16, 100),
                MeasureSpec.of(Measure.ACTIVE_USERS, 5, 0, 0, 1, 30, 3, 60, 10, 100),
                MeasureSpec.of(Measure.ACTIVE_DAYS_PER_SEAT, 5, 0, 0, 2, 40, 6, 70, 12, 100),
                MeasureSpec.of(Measure.ACTIVITY_TREND, 10, -75, 0, -40, 30, -10, 70, 10, 100),
                MeasureSpec.of(Measure.FEATURE_ADOPTION, 10, 0, 0, 25, 40, 50, 70, 80, 100),
                MeasureSpec.of(Measure.OPEN_TICKETS, 5, 0, 100, 2, 80, 5, 40, 10, 0),
                MeasureSpec.of(Measure.URGENT_TICKETS, 10, 0, 100, 1, 50, 3, 0),
                MeasureSpec.of(Measure.REOPEN_RATE, 3, 0, 100, 10, 70, 30, 20, 50, 0),
                MeasureSpec.of(Measure.SATISFACTION, 7, 50, 0, 70, 40, 85, 75, 95, 100),
                MeasureSpec.of(Measure.NPS, 10, 0, 0, 6, 30, 7, 60, 9, 100),
                MeasureSpec.of(Measure.NPS_TREND, 3, -4, 0, -2, 30, 0, 70, 2, 100),
                MeasureSpec.of(Measure.RENEWAL_PROXIMITY, 2, -30, 0, 0, 30, 30, 50, 90, 80, 180, 100),
                MeasureSpec.of(Measure.SEAT_UTILISATION, 10, 0, 0, 30, 40, 60, 75, 85, 100)));
    }

    /** For accounts still onboarding: progress on the plan weighs most; usage is expected to be thin. */
    public static HealthModel onboarding() {
        return new HealthModel("onboarding", ANY_SEGMENT, LifecycleStage.ONBOARDING, BandThresholds.standard(), List.of(
                MeasureSpec.of(Measure.ONBOARDING, 40, 0, 0, 50, 50, 100, 100),
                MeasureSpec.of(Measure.ACTIVE_DAYS, 20, 0, 0, 2, 40, 5, 70, 10, 100),
                MeasureSpec.of(Measure.ACTIVE_USERS, 15, 0, 0, 1, 40, 3, 80, 5, 100),
                MeasureSpec.of(Measure.FEATURE_ADOPTION, 5, 0, 0, 25, 50, 50, 100),
                MeasureSpec.of(Measure.URGENT_TICKETS, 10, 0, 100, 1, 50, 3, 0),
                MeasureSpec.of(Measure.SATISFACTION, 5, 50, 0, 70, 40, 85, 75, 95, 100),
                MeasureSpec.of(Measure.NPS, 5, 0, 0, 6, 30, 7, 60, 9, 100)));
    }

    /** The verdict, with onboarding judged against the plan's schedule ({@code onboarding} null: not started). */
    public HealthAssessment assess(AccountFacts facts, OnboardingProgress onboarding) {
        return assess(spec -> spec.read(facts, onboarding), facts);
    }

    /** The verdict, with onboarding as a bare completion (NaN: not started). */
    public HealthAssessment assess(AccountFacts facts, double onboardingCompletion) {
        return assess(spec -> spec.read(facts, onboardingCompletion), facts);
    }

    private HealthAssessment assess(Function<MeasureSpec, MeasureReading> reader, AccountFacts facts) {
        double totalWeight = 0;
        double weightWithInput = 0;
        double weightKnown = 0;
        List<MeasureSpec> used = new ArrayList<>(measures.size());
        List<MeasureReading> readings = new ArrayList<>(measures.size());
        List<String> missing = new ArrayList<>();
        List<String> lacking = new ArrayList<>();
        List<String> missingMeasures = new ArrayList<>();
        for (MeasureSpec spec : measures) {
            if (spec.weight() == 0) continue;
            MeasureReading reading = reader.apply(spec);
            if (spec.measure().configured(facts)) {
                totalWeight += spec.weight();
                if (!reading.isMissing() || spec.measure().sourceSeen(facts)) weightKnown += spec.weight();
            }
            if (reading.isMissing()) {
                missing.add(spec.label() + ": " + reading.missing());
                if (spec.measure().configured(facts)) {
                    lacking.add(spec.label() + ": " + reading.missing());
                    missingMeasures.add(spec.label());
                }
            } else {
                used.add(spec);
                readings.add(reading);
                weightWithInput += spec.weight();
            }
        }
        // Evidence: the weight of the measures whose source has data for the account, input or not.
        double evidence = totalWeight > 0 ? Math.min(1, weightKnown / totalWeight) : 0;
        double score = NO_INPUT_SCORE;
        List<Driver> drivers = new ArrayList<>(used.size() + 1);
        if (!used.isEmpty()) {
            score = 0;
            for (int i = 0; i < used.size(); i++) {
                MeasureSpec spec = used.get(i);
                MeasureReading reading = readings.get(i);
                double share = spec.weight() / weightWithInput;
                double value = spec.valueOf(reading.input());
                double points = share * value;
                score += points;
                Map<String, Object> inputs = new LinkedHashMap<>(reading.inputs());
                inputs.put("weight", round2(share));
                inputs.put("impact", round2(share * (value - 50)));
                drivers.add(new Driver(spec.label(), round2(value), round2(points), reading.explanation(), inputs));
            }
            drivers.sort(Comparator.comparingDouble((Driver d) -> -Math.abs(((Number) d.inputs().get("impact")).doubleValue()))
                    .thenComparing(Driver::measure));
            score = Math.max(0, Math.min(100, score));
        }
        // The band follows the score people see, so a 69.6 shown as 70 is Green, not Yellow.
        Band band = bands.bandOf(Math.round(score), evidence);
        if (!lacking.isEmpty()) {
            Driver why = Evidence.driver(evidence, bands.minEvidence(), band == Band.UNKNOWN, lacking, missingMeasures);
            if (band == Band.UNKNOWN) drivers.add(0, why);
            else drivers.add(why);
        }
        return new HealthAssessment(name, score, band, drivers, missing, evidence);
    }

    public void check(String where, List<String> problems) {
        if (name == null || name.isBlank()) problems.add(where + ": a model needs a 'name'");
        if (segment == null || segment.isBlank()) problems.add(where + ": 'segment' is required (use \"*\" for any)");
        if (stage == null) problems.add(where + ": 'stage' is required (ONBOARDING, ADOPTED or ANY)");
        if (bands == null) problems.add(where + ": 'bands' is required");
        else bands.check(where + ".bands", problems);
        if (measures == null || measures.isEmpty()) {
            problems.add(where + ": a model needs at least one measure");
            return;
        }
        Set<String> seen = new java.util.HashSet<>();
        double total = 0;
        for (int i = 0; i < measures.size(); i++) {
            MeasureSpec spec = measures.get(i);
            String at = where + ".measures[" + i + "]";
            if (spec == null) {
                problems.add(at + ": is empty");
                continue;
            }
            spec.check(at, problems);
            if (spec.measure() != null && !seen.add(spec.label())) {
                problems.add(at + ": measure " + spec.label() + " appears twice");
            }
            if (spec.weight() > 0) total += spec.weight();
        }
        if (!(total > 0)) problems.add(where + ": at least one measure needs a positive weight");
    }

    static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }
}
