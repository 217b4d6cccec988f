package io.csbridge.domain.health;

import io.csbridge.domain.score.Band;

import java.util.List;

/**
 * Scores at or above {@code green} are Green, at or above {@code yellow} Yellow, the rest Red; but an
 * account whose measures with inputs carry less than {@code minEvidence} of the model's weight is
 * {@link Band#UNKNOWN}: too little is known to call it any colour.
 *
 * @param minEvidence share (0-1) of the model's weight whose measures must have inputs for the account
 *                    to be judged; absent in configurations saved before it existed, which then get
 *                    {@link #DEFAULT_MIN_EVIDENCE}; 0 judges every account however little is known
 */
public record BandThresholds(double green, double yellow, Double minEvidence) {

    /** Measures carrying at least half the weight must have had inputs. */
    public static final double DEFAULT_MIN_EVIDENCE = 0.5;

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
