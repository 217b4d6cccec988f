package io.csbridge.domain.risk;

import io.csbridge.domain.score.AccountFacts;

/**
 * An account's own rhythm of use, and what its current silence means against it. The account is
 * read as active on days that come at its own steady rate, until at some unseen moment it stops for
 * good (the intuition of Pareto/NBD and BG/NBD, with fixed, stated priors instead of parameters
 * fitted to anyone's churn labels). Two probabilities follow, each one rule:
 * <ul>
 *   <li>{@link #stopped()}: that the account has stopped, given it was active on {@code activeDays}
 *       of its last {@code spanDays} and has been silent for {@code silenceDays}. A weekly user silent
 *       for a month is far more likely to have stopped than a quarterly one silent for a month.</li>
 *   <li>{@link #quietAhead()}: that even if it carries on at its pace it shows no activity in the
 *       next {@link #HORIZON_DAYS} days: an account used a few times a year is seldom seen.</li>
 * </ul>
 * The chance of no activity over the horizon is {@code 1 - (1 - stopped) * (1 - quietAhead)}.
 *
 * <p>The priors are chosen a priori, not from any evaluation data:
 * <ul>
 *   <li>{@link #PRIOR_ACTIVE_DAYS} / {@link #PRIOR_SPAN_DAYS}: the rate of repeat active days is
 *       {@code (activeDays - 1 + 1) / (spanDays + 90)}: the account's own count, plus one active day in
 *       one quarter (the slowest rhythm the 90-day horizon can see), weighted as one quarter of watching.
 *       A young or one-off account's rhythm is then learnt gradually, not from its first day or two,
 *       while a year of history outweighs the prior four to one.</li>
 *   <li>{@link #MEAN_LIFETIME_DAYS}: an active account stops at a constant hazard whose mean is two
 *       years, two yearly renewals, the usual life of a subscription customer.</li>
 *   <li>{@link #HORIZON_DAYS}: 90 days, the quarter a customer-success team plans in.</li>
 * </ul>
 */
public record UsageRhythm(double activeDays, double spanDays, double silenceDays) {

    public static final double PRIOR_ACTIVE_DAYS = 1;
    public static final double PRIOR_SPAN_DAYS = 90;
    public static final double MEAN_LIFETIME_DAYS = 730;
    public static final double HORIZON_DAYS = 90;

    /** The rhythm in the facts, or null when the product was never used. */
    public static UsageRhythm of(AccountFacts f) {
        if (!f.everUsed()) return null;
        return new UsageRhythm(Math.max(1, f.activeDays365()), f.usageSpanDays(), Math.max(0, f.daysSinceLastActivity()));
    }

    /** Repeat active days per day, with the prior. */
    public double rate() {
        return (activeDays - 1 + PRIOR_ACTIVE_DAYS) / (spanDays + PRIOR_SPAN_DAYS);
    }

    /** Days between active days at this rate. */
    public double usualGapDays() {
        return 1 / rate();
    }

    /** The probability that the account has stopped, given its rhythm and its silence (0-1). */
    public double stopped() {
        double lambda = rate();
        double mu = 1 / MEAN_LIFETIME_DAYS;
        double alive = 1 / (1 + mu / (lambda + mu) * Math.expm1((lambda + mu) * silenceDays));
        return 1 - alive;
    }

    /** The probability that an account that has not stopped shows no activity over the horizon (0-1). */
    public double quietAhead() {
        double lambda = rate();
        double mu = 1 / MEAN_LIFETIME_DAYS;
        double activeAhead = lambda / (lambda + mu) * -Math.expm1(-(lambda + mu) * HORIZON_DAYS);
        return 1 - activeAhead;
    }
}
