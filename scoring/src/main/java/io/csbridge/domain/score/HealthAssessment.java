package io.csbridge.domain.score;

import java.util.List;

/**
 * A health model's verdict on one account.
 *
 * @param model   the model's name
 * @param drivers one per measure with input, ordered by impact (how far it pulled the score from the middle)
 * @param missing one line per measure left out for lack of input
 */
public record HealthAssessment(String model, double score, Band band, List<Driver> drivers, List<String> missing) {

    public HealthAssessment {
        drivers = List.copyOf(drivers);
        missing = List.copyOf(missing);
    }

    public int roundedScore() {
        return (int) Math.round(score);
    }
}
