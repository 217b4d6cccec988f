package io.csbridge.domain.score;

import io.csbridge.domain.scoring.FactCollector;

/**
 * What an account's signals say as of one moment, reduced to numbers in one pass: the inputs of every
 * health measure, risk rule and onboarding milestone. Times are epoch seconds, days epoch days;
 * {@link #NONE} marks "never", NaN an unknown number. Built only by {@link FactCollector}.
 */
public final class AccountFacts {

    public static final long NONE = Long.MIN_VALUE;

    public long asOf;
    public long firstSeen = NONE;
    public int signals;

    // commercial traits (latest value wins, in event order)
    public double arr = Double.NaN;
    public double seats = Double.NaN;
    public String plan;
    public String owner;
    public long startDay = NONE;
    public long renewalDay = NONE;
    public boolean churned;
    public long churnedAt = NONE;

    // usage
    public long firstUsage = NONE;
    public long lastUsage = NONE;
    public int activeDays30;
    public int activeDaysPrevious30;
    public int activeDays365;
    public int usageEvents30;
    public int activeUsers30;
    public int userDays30;
    public int usersEver;
    public int keyFeatures;
    public long keyFeaturesUsed30;

    // support
    public boolean everTicket;
    public int openTickets;
    public int urgentOpenTickets;
    public int ticketsCreated30;
    public int ticketsCreatedPrevious90;
    public int reopened90;
    public int solved90;
    public int satisfactionGood90;
    public int satisfactionBad90;

    // voice of the customer
    public double npsLatest = Double.NaN;
    public double npsPrevious = Double.NaN;
    public long npsLatestAt = NONE;

    // onboarding milestones, indexed as in the collector's milestone catalog
    public long[] milestoneReachedAt = new long[0];

    // custom attributes (group traits beyond the ones above): name -> latest value, in event order
    public java.util.Map<String, String> custom = java.util.Map.of();

    public AccountFacts() {
    }

    public long asOf() { return asOf; }
    public long asOfDay() { return Math.floorDiv(asOf, 86_400L); }
    public boolean seen() { return firstSeen != NONE; }
    public long firstSeen() { return firstSeen; }
    public int signalCount() { return signals; }
    public double arr() { return arr; }
    public double seats() { return seats; }
    public String plan() { return plan; }
    public String owner() { return owner; }
    /** The startDate trait, or NONE. */
    public long startDay() { return startDay; }
    /** When onboarding started: the startDate trait, else the day the account was first seen. */
    public long effectiveStartDay() {
        if (startDay != NONE) return startDay;
        return firstSeen == NONE ? NONE : Math.floorDiv(firstSeen, 86_400L);
    }
    public long renewalDay() { return renewalDay; }
    public boolean churned() { return churned; }
    public long churnedAt() { return churnedAt; }

    public boolean everUsed() { return lastUsage != NONE; }
    public long lastUsage() { return lastUsage; }
    /** When the product was first used (epoch seconds), or NONE. */
    public long firstUsage() { return firstUsage; }
    /**
     * The days of usage history the last-365-day counts rest on: from the first usage (that day
     * included) to as-of, at most 365; 0 if the product was never used.
     */
    public long usageSpanDays() {
        if (firstUsage == NONE) return 0;
        return Math.min(365, asOfDay() - Math.floorDiv(firstUsage, 86_400L) + 1);
    }
    /** Whole days since the last usage event, or since the start when the product was never used; NaN if unknown. */
    public double daysSinceLastActivity() {
        if (lastUsage != NONE) return (asOf - lastUsage) / 86_400.0;
        long start = effectiveStartDay();
        return start == NONE ? Double.NaN : asOfDay() - start;
    }
    public int activeDays30() { return activeDays30; }
    public int activeDaysPrevious30() { return activeDaysPrevious30; }
    public int activeDays365() { return activeDays365; }
    public int usageEvents30() { return usageEvents30; }
    public int activeUsers30() { return activeUsers30; }
    public int userDays30() { return userDays30; }
    public int usersEver() { return usersEver; }
    public int keyFeatures() { return keyFeatures; }
    public int keyFeaturesUsed30() { return Long.bitCount(keyFeaturesUsed30); }

    public boolean everTicket() { return everTicket; }
    public int openTickets() { return openTickets; }
    public int urgentOpenTickets() { return urgentOpenTickets; }
    public int ticketsCreated30() { return ticketsCreated30; }
    public int ticketsCreatedPrevious90() { return ticketsCreatedPrevious90; }
    public int reopened90() { return reopened90; }
    public int solved90() { return solved90; }
    public int satisfactionGood90() { return satisfactionGood90; }
    public int satisfactionBad90() { return satisfactionBad90; }

    public double npsLatest() { return npsLatest; }
    public double npsPrevious() { return npsPrevious; }
    public long npsLatestAt() { return npsLatestAt; }

    /** The custom attributes (name to latest value), read-only; empty when none was sent. */
    public java.util.Map<String, String> customAttributes() { return java.util.Collections.unmodifiableMap(custom); }
    /** The latest value of custom attribute {@code name}, or null. */
    public String custom(String name) { return custom.get(name); }
    /** Custom attribute {@code name} as a number, or NaN when absent or not a number. */
    public double customNumber(String name) {
        String v = custom.get(name);
        if (v == null || v.isBlank()) return Double.NaN;
        try {
            double d = Double.parseDouble(v.trim());
            return Double.isFinite(d) ? d : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** When catalog milestone {@code index} was first reached, or NONE. */
    public long milestoneReachedAt(int index) { return milestoneReachedAt[index]; }
}
