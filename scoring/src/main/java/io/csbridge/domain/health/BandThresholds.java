package io.csbridge.domain.health;

import io.csbridge.domain.score.Band;

import java.util.List;

/** Scores at or above {@code green} are Green, at or above {@code yellow} Yellow, the rest Red. */
public record BandThresholds(double green, double yellow) {

    public static BandThresholds standard() {
        return new BandThresholds(70, 40);
    }

    public Band bandOf(double score) {
        return score >= green ? Band.GREEN : score >= yellow ? Band.YELLOW : Band.RED;
    }

    void check(String where, List<String> problems) {
        if (!(yellow > 0 && yellow < green && green <= 100)) {
            problems.add(where + ": band thresholds need 0 < yellow < green <= 100 (got yellow " + yellow
                    + ", green " + green + ")");
        }
    }
}
