package io.csbridge.domain.health;

import io.csbridge.domain.score.Band;

import java.util.List;

/**
 * Scores at or above {@code green} are Green, at or above {@code yellow} Yellow, the rest Red; but an
 * account whose measures with data (an input, or at least data from the measure's source) carry less
 * than {@code minEvidence} of the model's weight is
 * {@link Band#UNKNOWN}: too little is known to call it any colour. Measures the configuration gives no
 * input at all (feature adoption without key features) are left out of that weight.
 *
 * @param minEvidence share (0-1) of the model's weight whose measures must have data for the account
 *                    to be judged; absent in configurations saved before it existed, which then get
 *                    {@link #DEFAULT_MIN_EVIDENCE}; 0 judges every account however little is known
 */
public record BandThresholds(double green, double yellow, Double minEvidence) {

    /**
     * Measures carrying 30 % of the weight must have data: one primary source is enough (product usage
     * alone is 39-56 % of the standard adopted model, onboarding progress 42 % of the onboarding model),
     * support tickets, an NPS answer or CRM fields alone are not (under 30 %).
     */
    public static final double DEFAULT_MIN_EVIDENCE = 0.3;

    public BandThresholds {
        if (minEvidence == null) minEvidence = DEFAULT_MIN_EVIDENCE;
    }

    public BandThresholds(double green, double yellow) {
        this(green, yellow, DEFAULT_MIN_EVIDENCE);
    }

    public static BandThresholds standard() {
        return new BandThresholds(70, 40);
    }

    public Band bandOf(double score) {
        return score >= green ? Band.GREEN : score >= yellow ? Band.YELLOW : Band.RED;
    }

    /** The band of a score resting on {@code evidence} (0-1) of the model's weight. */
    public Band bandOf(double score, double evidence) {
        return evidence < minEvidence ? Band.UNKNOWN : bandOf(score);
    }

    void check(String where, List<String> problems) {
        if (!(yellow > 0 && yellow < green && green <= 100)) {
            problems.add(where + ": band thresholds need 0 < yellow < green <= 100 (got yellow " + yellow
                    + ", green " + green + ")");
        }
        if (!(minEvidence >= 0 && minEvidence <= 1)) {
            problems.add(where + ": minEvidence is the share of the model's weight that must have inputs, 0 to 1 (got "
                    + minEvidence + ")");
        }
    }
}
