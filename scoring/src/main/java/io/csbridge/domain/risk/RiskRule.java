package io.csbridge.domain.risk;

import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.MeasureReading;
import io.csbridge.domain.onboarding.OnboardingState;

import java.util.Map;

/**
 * The explainable churn-risk rules. Each reads one input from the account; the configuration maps it
 * to a severity (0-1) with thresholds and says how many points full severity is worth.
 */
public enum RiskRule {
    /** Days since the last usage event (since the start, if the product was never used). */
    INACTIVITY("inactivity"),
    /** Active days in the last 30 days. */
    LOW_USAGE("lowUsage"),
    /** Change in active days, last 30 against the 30 before, in percent (only when there was usage before). */
    FALLING_USAGE("fallingUsage"),
    /** Active days per month over the last year (or the account's life, if shorter). */
    LOW_FREQUENCY("lowFrequency"),
    /** The health score (none while the band is Unknown: too little evidence to count against the account). */
    RED_HEALTH("redHealth"),
    /** The latest NPS answer. */
    DETRACTOR_NPS("detractorNps"),
    /** Tickets opened in the last 30 days above the account's usual monthly number. */
    TICKET_SPIKE("ticketSpike"),
    /** Onboarding state while onboarding: 0 on track, 1 behind, 2 stalled. */
    STALLED_ONBOARDING("stalledOnboarding"),
    /** Days to renewal, when health is not Green. */
    RENEWAL_CLOSE_LOW_HEALTH("renewalCloseLowHealth"),
    /** The chance (percent) that the account has stopped, from its silence against its own rhythm ({@link UsageRhythm}). */
    LAPSE("lapse"),
    /** The chance (percent) of no activity in the next 90 days even at the account's own pace ({@link UsageRhythm}). */
    RARE_USE("rareUse"),
    /** Days since the start, while the product has never been used (accounts with no rhythm yet). */
    NEVER_USED("neverUsed");

    private final String label;

    RiskRule(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public MeasureReading read(RiskContext c) {
        AccountFacts f = c.facts();
        return switch (this) {
            case INACTIVITY -> {
                double days = f.daysSinceLastActivity();
                if (Double.isNaN(days)) yield MeasureReading.missing("account not seen");
                String what = f.everUsed() ? "no product usage for " : "product never used in ";
                yield MeasureReading.of(days, what + Math.round(Math.floor(days)) + " days",
                        Map.of("daysSinceLastActivity", Math.floor(days * 10) / 10));
            }
            case LOW_USAGE -> !f.everUsed() ? MeasureReading.missing("no product usage seen")
                    : MeasureReading.of(f.activeDays30(), "active on only " + f.activeDays30() + " of the last 30 days",
                    Map.of("activeDays30d", f.activeDays30()));
            case FALLING_USAGE -> {
                int before = f.activeDaysPrevious30();
                if (before == 0) yield MeasureReading.missing("no usage in the previous 30 days");
                double change = 100.0 * (f.activeDays30() - before) / before;
                yield MeasureReading.of(change, "active days down from " + before + " to " + f.activeDays30()
                        + " on the previous 30 days", Map.of("activeDays30d", f.activeDays30(), "activeDaysPrevious30d", before));
            }
            case LOW_FREQUENCY -> {
                if (!f.everUsed()) yield MeasureReading.missing("no product usage seen");
                long start = f.effectiveStartDay();
                double span = Math.min(365, Math.max(30, f.asOfDay() - start + 1));
                double perMonth = f.activeDays365() * 30 / span;
                yield MeasureReading.of(perMonth, String.format(java.util.Locale.ROOT,
                                "active on %.1f days a month over the last %d days", perMonth, (long) span),
                        Map.of("activeDays365d", f.activeDays365(), "spanDays", (long) span));
            }
            case RED_HEALTH -> c.health().band() == Band.UNKNOWN ? MeasureReading.missing("health not judged: too little evidence")
                    : MeasureReading.of(c.health().score(), "health " + c.health().roundedScore() + " is "
                    + c.health().band().label(), Map.of("healthScore", c.health().roundedScore()));
            case DETRACTOR_NPS -> Double.isNaN(f.npsLatest()) ? MeasureReading.missing("no NPS answer in 365 days")
                    : MeasureReading.of(f.npsLatest(), "latest NPS answer " + Math.round(f.npsLatest()),
                    Map.of("npsLatest", f.npsLatest()));
            case TICKET_SPIKE -> {
                if (!f.everTicket()) yield MeasureReading.missing("no support tickets seen");
                double usual = f.ticketsCreatedPrevious90() / 3.0;
                double excess = f.ticketsCreated30() - usual;
                yield MeasureReading.of(excess, f.ticketsCreated30() + " tickets opened in 30 days, usually "
                                + String.format(java.util.Locale.ROOT, "%.1f", usual),
                        Map.of("ticketsCreated30d", f.ticketsCreated30(), "ticketsCreatedPrevious90d", f.ticketsCreatedPrevious90()));
            }
            case STALLED_ONBOARDING -> {
                if (!c.onboardingStage() || c.onboarding() == null) yield MeasureReading.missing("not onboarding");
                OnboardingState state = c.onboarding().state();
                int level = state == OnboardingState.STALLED ? 2 : state == OnboardingState.BEHIND ? 1 : 0;
                yield MeasureReading.of(level, "onboarding " + state.label()
                                + (c.onboarding().overdue().isEmpty() ? "" : ", overdue: " + String.join(", ", c.onboarding().overdue())),
                        Map.of("onboardingState", state.label(), "onboardingCompletion", Math.round(c.onboarding().completion())));
            }
            case RENEWAL_CLOSE_LOW_HEALTH -> {
                if (f.renewalDay() == AccountFacts.NONE) yield MeasureReading.missing("no renewal date on record");
                if (c.health().band() == Band.GREEN) yield MeasureReading.missing("health is Green");
                long days = f.renewalDay() - f.asOfDay();
                yield MeasureReading.of(days, "renewal in " + days + " days with " + c.health().band().label() + " health",
                        Map.of("daysToRenewal", days, "band", c.health().band().label()));
            }
            case LAPSE -> {
                UsageRhythm r = UsageRhythm.of(f);
                if (r == null) yield MeasureReading.missing("no product usage seen");
                double percent = 100 * r.stopped();
                yield MeasureReading.of(percent, String.format(java.util.Locale.ROOT,
                                "silent for %d days where it is usually active every %d days: %.0f%% likely to have stopped",
                                Math.round(Math.floor(r.silenceDays())), Math.round(r.usualGapDays()), percent),
                        rhythmInputs(r));
            }
            case RARE_USE -> {
                UsageRhythm r = UsageRhythm.of(f);
                if (r == null) yield MeasureReading.missing("no product usage seen");
                double percent = 100 * r.quietAhead();
                yield MeasureReading.of(percent, String.format(java.util.Locale.ROOT,
                                "usually active every %d days: %.0f%% chance of no activity in the next %d days even at that pace",
                                Math.round(r.usualGapDays()), percent, Math.round(UsageRhythm.HORIZON_DAYS)),
                        rhythmInputs(r));
            }
            case NEVER_USED -> {
                if (f.everUsed()) yield MeasureReading.missing("product used");
                double days = f.daysSinceLastActivity();
                if (Double.isNaN(days)) yield MeasureReading.missing("account not seen");
                yield MeasureReading.of(days, "product never used in " + Math.round(Math.floor(days)) + " days since the start",
                        Map.of("daysSinceStart", Math.floor(days * 10) / 10));
            }
        };
    }

    private static Map<String, Object> rhythmInputs(UsageRhythm r) {
        return Map.of("activeDays365d", Math.round(r.activeDays()), "spanDays", Math.round(r.spanDays()),
                "daysSinceLastActivity", Math.floor(r.silenceDays() * 10) / 10, "usualGapDays", Math.round(r.usualGapDays()));
    }
}
