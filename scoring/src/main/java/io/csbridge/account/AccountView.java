package io.csbridge.account;

import io.csbridge.health.AccountScore;
import io.csbridge.health.Driver;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An account as the admin API lists it (CONTRACT §5). */
public record AccountView(String id, String name, Integer healthScore, String band, Integer churnRisk,
                          Integer onboardingCompletion, String segment, Integer trend, List<Driver> drivers,
                          Map<String, Object> keys, Instant asOf) {

    public static AccountView of(AccountProfile profile, AccountScore score) {
        if (score == null) {
            return new AccountView(profile.id(), profile.name(), null, null, null, null, null, null, List.of(),
                    profile.keys().asContractMap(), null);
        }
        return new AccountView(profile.id(), profile.name(), score.healthScore(), score.band().label(),
                score.churnRisk(), score.onboardingCompletion(), score.segment(), score.trend(), score.drivers(),
                profile.keys().asContractMap(), score.asOf());
    }
}
