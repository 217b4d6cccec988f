package io.csbridge.domain.health;

import io.csbridge.domain.onboarding.OnboardingProgress;
import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.score.MeasureReading;

import java.util.Locale;
import java.util.Map;

/**
 * The health measures CS Bridge knows how to compute. A model picks some, weights them and maps each
 * input to 0-100 with thresholds; this enum only says what the input is and how to say it in words.
 */
public enum Measure {
    /** Distinct days with product usage in the last 30 days. */
    ACTIVE_DAYS("activeDays"),
    /** Distinct users with product usage in the last 30 days. */
    ACTIVE_USERS("activeUsers"),
    /** Active user-days in the last 30 days per seat bought. */
    ACTIVE_DAYS_PER_SEAT("activeDaysPerSeat"),
    /** Change in active days, last 30 days against the 30 before, in percent. */
    ACTIVITY_TREND("activityTrend"),
    /** Share of the configured key features used in the last 30 days, in percent. */
    FEATURE_ADOPTION("featureAdoption"),
    /** Support tickets open now. */
    OPEN_TICKETS("openTickets"),
    /** Urgent-priority tickets open now. */
    URGENT_TICKETS("urgentTickets"),
    /** Reopened tickets per solved ticket in the last 90 days, in percent. */
    REOPEN_RATE("reopenRate"),
    /** Share of good satisfaction ratings in the last 90 days, in percent. */
    SATISFACTION("satisfaction"),
    /** The latest NPS answer (0-10) of the last 365 days. */
    NPS("nps"),
    /** The latest NPS answer minus the one before it. */
    NPS_TREND("npsTrend"),
    /**
     * Onboarding judged against the plan's schedule: the weighted share (0-100) of the milestones due by
     * now that were reached, 100 while on track or before anything is due. Without a schedule (a bare
     * completion), the completion itself.
     */
    ONBOARDING("onboarding"),
    /** Days until the renewal date (negative when overdue). */
    RENEWAL_PROXIMITY("renewalProximity"),
    /** Users active in the last 30 days per seat bought, in percent. */
    SEAT_UTILISATION("seatUtilisation"),
    /** A numeric custom account attribute, named by the measure's {@code attribute} (e.g. a CRM field). */
    ATTRIBUTE("attribute");

    private final String label;

    Measure(String label) {
        this.label = label;
    }

    /** The name shown in drivers and stale-input flags. */
    public String label() {
        return label;
    }

    /** The input for this measure, with onboarding judged against the plan's schedule ({@code null}: not started). */
    public MeasureReading read(AccountFacts f, OnboardingProgress onboarding) {
        if (this != ONBOARDING) return read(f, Double.NaN);
        if (onboarding == null) return MeasureReading.missing("onboarding not started");
        if (onboarding.dueByNow() == 0 && !onboarding.complete()) {
            return MeasureReading.missing("no milestone due yet on day " + onboarding.daysSinceStart() + " of the plan");
        }
        double completion = onboarding.completion();
        String schedule = onboarding.complete() ? "all milestones reached"
                : onboarding.onSchedule() >= 100 ? "on schedule on day " + onboarding.daysSinceStart()
                : whole(onboarding.onSchedule()) + "% of what is due by day " + onboarding.daysSinceStart() + " reached";
        return MeasureReading.of(onboarding.onSchedule(), "onboarding " + whole(completion) + "% complete, " + schedule,
                Map.of("onboardingCompletion", completion, "onSchedule", onboarding.onSchedule(),
                        "dueByNow", onboarding.dueByNow(), "daysSinceStart", onboarding.daysSinceStart()));
    }

    /** The input for this measure, or a reading saying why there is none; onboarding as a bare completion. */
    public MeasureReading read(AccountFacts f, double onboardingCompletion) {
        return switch (this) {
            case ACTIVE_DAYS -> !f.everUsed() ? MeasureReading.missing("no product usage seen")
                    : MeasureReading.of(f.activeDays30(), "active on " + f.activeDays30() + " of the last 30 days",
                    Map.of("activeDays30d", f.activeDays30()));
            case ACTIVE_USERS -> !f.everUsed() ? MeasureReading.missing("no product usage seen")
                    : MeasureReading.of(f.activeUsers30(), plural(f.activeUsers30(), "active user") + " in the last 30 days",
                    Map.of("activeUsers30d", f.activeUsers30()));
            case ACTIVE_DAYS_PER_SEAT -> {
                if (!f.everUsed()) yield MeasureReading.missing("no product usage seen");
                if (!(f.seats() > 0)) yield MeasureReading.missing("no seats bought on record");
                double perSeat = f.userDays30() / f.seats();
                yield MeasureReading.of(perSeat, one(perSeat) + " active user-days per seat in 30 days ("
                                + f.userDays30() + " user-days, " + whole(f.seats()) + " seats)",
                        Map.of("userDays30d", f.userDays30(), "seats", f.seats()));
            }
            case ACTIVITY_TREND -> {
                int now = f.activeDays30();
                int before = f.activeDaysPrevious30();
                if (now == 0 && before == 0) yield MeasureReading.missing("no usage in the last 60 days");
                double change = before == 0 ? 100 : 100.0 * (now - before) / before;
                String words = change >= 0 ? "up " + whole(change) : "down " + whole(-change);
                yield MeasureReading.of(change, "active days " + words + "% on the previous 30 days (" + now + " vs "
                        + before + ")", Map.of("activeDays30d", now, "activeDaysPrevious30d", before));
            }
            case FEATURE_ADOPTION -> {
                if (f.keyFeatures() == 0) yield MeasureReading.missing("no key features configured");
                if (!f.everUsed()) yield MeasureReading.missing("no product usage seen");
                double share = 100.0 * f.keyFeaturesUsed30() / f.keyFeatures();
                yield MeasureReading.of(share, "used " + f.keyFeaturesUsed30() + " of " + f.keyFeatures()
                        + " key features in 30 days", Map.of("keyFeaturesUsed30d", f.keyFeaturesUsed30(),
                        "keyFeatures", f.keyFeatures()));
            }
            case OPEN_TICKETS -> !f.everTicket() ? MeasureReading.missing("no support tickets seen")
                    : MeasureReading.of(f.openTickets(), plural(f.openTickets(), "ticket") + " open",
                    Map.of("openTickets", f.openTickets()));
            case URGENT_TICKETS -> !f.everTicket() ? MeasureReading.missing("no support tickets seen")
                    : MeasureReading.of(f.urgentOpenTickets(), plural(f.urgentOpenTickets(), "urgent ticket") + " open",
                    Map.of("urgentOpenTickets", f.urgentOpenTickets()));
            case REOPEN_RATE -> {
                if (f.solved90() == 0) yield MeasureReading.missing("no tickets solved in 90 days");
                double rate = 100.0 * f.reopened90() / f.solved90();
                yield MeasureReading.of(rate, f.reopened90() + " reopened per " + plural(f.solved90(), "solved ticket")
                        + " in 90 days", Map.of("reopened90d", f.reopened90(), "solved90d", f.solved90()));
            }
            case SATISFACTION -> {
                int n = f.satisfactionGood90() + f.satisfactionBad90();
                if (n == 0) yield MeasureReading.missing("no satisfaction ratings in 90 days");
                double share = 100.0 * f.satisfactionGood90() / n;
                yield MeasureReading.of(share, whole(share) + "% good satisfaction ratings (" + f.satisfactionGood90()
                                + " of " + n + ") in 90 days",
                        Map.of("good90d", f.satisfactionGood90(), "bad90d", f.satisfactionBad90()));
            }
            case NPS -> Double.isNaN(f.npsLatest()) ? MeasureReading.missing("no NPS answer in 365 days")
                    : MeasureReading.of(f.npsLatest(), "latest NPS answer " + whole(f.npsLatest()) + " ("
                    + npsGroup(f.npsLatest()) + ")", Map.of("npsLatest", f.npsLatest()));
            case NPS_TREND -> {
                if (Double.isNaN(f.npsPrevious())) yield MeasureReading.missing("fewer than two NPS answers in 365 days");
                double change = f.npsLatest() - f.npsPrevious();
                String words = change > 0 ? "rose" : change < 0 ? "fell" : "held";
                yield MeasureReading.of(change, "NPS answer " + words + " from " + whole(f.npsPrevious()) + " to "
                        + whole(f.npsLatest()), Map.of("npsLatest", f.npsLatest(), "npsPrevious", f.npsPrevious()));
            }
            case ONBOARDING -> Double.isNaN(onboardingCompletion) ? MeasureReading.missing("onboarding not started")
                    : MeasureReading.of(onboardingCompletion, "onboarding " + whole(onboardingCompletion) + "% complete",
                    Map.of("onboardingCompletion", onboardingCompletion));
            case RENEWAL_PROXIMITY -> {
                if (f.renewalDay() == AccountFacts.NONE) yield MeasureReading.missing("no renewal date on record");
                long days = f.renewalDay() - f.asOfDay();
                String words = days >= 0 ? "renewal in " + plural(days, "day") : "renewal overdue by " + plural(-days, "day");
                yield MeasureReading.of(days, words, Map.of("daysToRenewal", days));
            }
            case SEAT_UTILISATION -> {
                if (!(f.seats() > 0)) yield MeasureReading.missing("no seats bought on record");
                if (!f.everUsed()) yield MeasureReading.missing("no product usage seen");
                double share = 100.0 * f.activeUsers30() / f.seats();
                yield MeasureReading.of(share, f.activeUsers30() + " of " + whole(f.seats()) + " seats active ("
                        + whole(share) + "%)", Map.of("activeUsers30d", f.activeUsers30(), "seats", f.seats()));
            }
            case ATTRIBUTE -> MeasureReading.missing("no attribute named: the measure needs 'attribute'");
        };
    }

    /**
     * Whether the configuration lets this measure have an input at all: feature adoption needs key
     * features. A measure that cannot have one is no part of the evidence an account is judged on.
     */
    public boolean configured(AccountFacts f) {
        return this != FEATURE_ADOPTION || f.keyFeatures() > 0;
    }

    /**
     * Whether the source this measure reads has data for the account, even where the measure itself
     * has no input (no usage in 60 days gives no trend, but the account's usage is known: it stopped).
     * The evidence an account is judged on is the weight of the measures with an input or a source.
     */
    public boolean sourceSeen(AccountFacts f) {
        return switch (this) {
            case ACTIVE_DAYS, ACTIVE_USERS, ACTIVITY_TREND, FEATURE_ADOPTION -> f.everUsed();
            case ACTIVE_DAYS_PER_SEAT, SEAT_UTILISATION -> f.everUsed() && f.seats() > 0;
            case OPEN_TICKETS, URGENT_TICKETS, REOPEN_RATE, SATISFACTION -> f.everTicket();
            case NPS, NPS_TREND -> !Double.isNaN(f.npsLatest());
            case ONBOARDING, ATTRIBUTE -> false;
            case RENEWAL_PROXIMITY -> f.renewalDay() != AccountFacts.NONE;
        };
    }

    /** The input of an {@link #ATTRIBUTE} measure: custom attribute {@code name} as a number. */
    public static MeasureReading readAttribute(AccountFacts f, String name) {
        double x = f.customNumber(name);
        if (Double.isNaN(x)) {
            return MeasureReading.missing(f.custom(name) == null ? "no " + name + " on record" : name + " is not a number");
        }
        return MeasureReading.of(x, name + " " + (x == Math.rint(x) ? whole(x) : one(x)), Map.of(name, x));
    }

    public static Measure fromLabel(String label) {
        for (Measure m : values()) if (m.label.equalsIgnoreCase(label)) return m;
        throw new IllegalArgumentException("unknown measure: " + label);
    }

    static String npsGroup(double answer) {
        return answer >= 9 ? "promoter" : answer >= 7 ? "passive" : "detractor";
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String whole(double x) {
        return Long.toString(Math.round(x));
    }

    static String one(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }
}
