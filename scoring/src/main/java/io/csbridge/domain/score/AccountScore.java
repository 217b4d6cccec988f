package io.csbridge.domain.score;

import java.time.Instant;
import java.util.List;

/**
 * Everything CS Bridge says about one account at one moment. A pure function of the model and the
 * signals stamped up to {@code asOf}.
 *
 * @param healthScore          0-100
 * @param churnRisk            0-100
 * @param onboardingCompletion 0-100
 * @param trend                change of the health score over 30 days, or null if unknown
 * @param drivers              ordered by absolute contribution, largest first
 * @param staleInputs          measures whose inputs are too old to trust
 */
public record AccountScore(int healthScore, Band band, int churnRisk, int onboardingCompletion,
                           String segment, Integer trend, List<Driver> drivers, List<String> staleInputs,
                           Instant asOf) {

    public AccountScore {
        drivers = List.copyOf(drivers);
        staleInputs = staleInputs == null ? List.of() : List.copyOf(staleInputs);
    }

    /** The few reasons a person reads in a Salesforce text field or a Slack alert. */
    public String topReasons(int n) {
        StringBuilder text = new StringBuilder();
        for (Driver driver : drivers.subList(0, Math.min(n, drivers.size()))) {
            if (!text.isEmpty()) text.append("; ");
            text.append(driver.explanation());
        }
        return text.toString();
    }
}
