package io.csbridge.domain.score;

import java.util.List;

/**
 * A health model's verdict on one account.
 *
 * @param model    the model's name
 * @param drivers  one per measure with input, ordered by impact (how far it pulled the score from the
 *                 middle); plus, when measures had no input, an "evidence" driver naming them (first when
 *                 the band is {@link Band#UNKNOWN}, last otherwise)
 * @param missing  one line per measure left out for lack of input
 * @param evidence 0-1, the share of the model's weight whose measures' sources had data for the account
 *                 (usage, support, NPS, CRM): what the verdict rests on
 */
public record HealthAssessment(String model, double score, Band band, List<Driver> drivers, List<String> missing,
                               double evidence) {

    public HealthAssessment {
        drivers = List.copyOf(drivers);
        missing = List.copyOf(missing);
    }

    /** A verdict resting on every measure of its model. */
    public HealthAssessment(String model, double score, Band band, List<Driver> drivers, List<String> missing) {
        this(model, score, band, drivers, missing, 1);
    }

    public int roundedScore() {
        return (int) Math.round(score);
    }

    /** The same verdict in another band, with the driver saying why first. */
    public HealthAssessment rebanded(Band newBand, Driver why) {
        List<Driver> withWhy = new java.util.ArrayList<>(drivers.size() + 1);
        withWhy.add(why);
        withWhy.addAll(drivers);
        return new HealthAssessment(model, score, newBand, withWhy, missing, evidence);
    }
}
