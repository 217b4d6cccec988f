package io.csbridge.domain.alerting;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What the alert rules need to know about an account beyond its score. All but the name may be null.
 *
 * @param owner                 the CSM, as the Slack user id (U...) alerts mention
 * @param lastNpsScore          the latest NPS answer (0-10), with {@code lastNpsAt} its time
 * @param urgentTicketsOpen     open tickets with priority urgent
 * @param onboardingProgressAt  when onboarding completion last rose (or started)
 */
public record AccountFacts(String accountName, String owner, LocalDate renewalDate, Integer lastNpsScore,
                           Instant lastNpsAt, int urgentTicketsOpen, Instant onboardingProgressAt,
                           String salesforceId, String zendeskId) {

    public static AccountFacts named(String accountName) {
        return new AccountFacts(accountName, null, null, null, null, 0, null, null, null);
    }
}
