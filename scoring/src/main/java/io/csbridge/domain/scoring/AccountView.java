package io.csbridge.domain.scoring;

import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.language.DriverTexts;
import io.csbridge.domain.language.Language;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.score.Driver;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An account as the admin API lists it (CONTRACT §5). */
public record AccountView(String id, String name, Integer healthScore, String band, Integer churnRisk,
                          Integer onboardingCompletion, String segment, Integer trend, List<Driver> drivers,
                          Map<String, Object> keys, Instant asOf, String owner, Double arr, String onboardingState,
                          java.time.LocalDate renewalDate, List<String> staleInputs) {

    public static AccountView of(AccountProfile profile, AccountScore score, AccountSummary summary) {
        AccountSummary s = summary == null ? AccountSummary.UNKNOWN : summary;
        if (score == null) {
            return new AccountView(profile.id(), profile.name(), null, null, null, null, null, null, List.of(),
                    profile.keys().asContractMap(), null, s.owner(), s.arr(), s.onboardingState(), s.renewalDate(), List.of());
        }
        return new AccountView(profile.id(), profile.name(), score.healthScore(), score.band().label(),
                score.churnRisk(), score.onboardingCompletion(), score.segment(), score.trend(), score.drivers(),
                profile.keys().asContractMap(), score.asOf(), s.owner(), s.arr(), s.onboardingState(), s.renewalDate(),
                score.staleInputs());
    }

    /** The same view with each driver's explanation in {@code language} (English as stored). */
    public AccountView in(Language language) {
        if (language == Language.ENGLISH || drivers == null || drivers.isEmpty()) return this;
        List<Driver> explained = drivers.stream().map(d -> new Driver(d.measure(), d.value(), d.contribution(),
                DriverTexts.explain(d, language), d.inputs())).toList();
        return new AccountView(id, name, healthScore, band, churnRisk, onboardingCompletion, segment, trend, explained,
                keys, asOf, owner, arr, onboardingState, renewalDate, staleInputs);
    }
}
