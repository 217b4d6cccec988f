package io.csbridge.domain.account;

import java.time.Instant;
import java.util.List;

/**
 * An account's current health as a person asks for it (Slack's {@code /health}): who it is, its web
 * domains and its latest saved score; the score fields are null while the account has not been scored yet.
 */
public record AccountHealth(String accountId, String name, List<String> domains, Integer healthScore, String band,
                            Integer churnRisk, Integer onboardingCompletion, Integer trend, List<Driver> drivers,
                            Instant asOf) {

    public AccountHealth {
        domains = List.copyOf(domains);
        drivers = List.copyOf(drivers);
    }

    public boolean scored() {
        return healthScore != null;
    }

    /** One reason behind the score, as the scorer stored it. */
    public record Driver(String measure, double value, double contribution, String explanation) {
    }
}
