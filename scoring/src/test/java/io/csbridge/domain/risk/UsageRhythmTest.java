package io.csbridge.domain.risk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The account's own rhythm: silence is read against it, and the priors keep thin histories modest. */
class UsageRhythmTest {

    @Test
    void theRateIsTheAccountsOwnActiveDaysWithAQuarterOfPrior() {
        UsageRhythm r = new UsageRhythm(91, 365, 0);
        assertThat(r.rate()).isCloseTo(91 / 455.0, within(1e-12));
        assertThat(r.usualGapDays()).isCloseTo(5, within(1e-9));
    }

    @Test
    void anAccountSeenToday() {
        UsageRhythm daily = new UsageRhythm(300, 365, 0);
        assertThat(daily.stopped()).isZero();
        assertThat(daily.quietAhead()).isLessThan(0.01);
    }

    @Test
    void stoppingGrowsWithSilenceAndFasterForFrequentAccounts() {
        UsageRhythm weekly = new UsageRhythm(52, 365, 30), quarterly = new UsageRhythm(4, 365, 30);
        assertThat(weekly.stopped()).isGreaterThan(2 * quarterly.stopped());
        assertThat(new UsageRhythm(52, 365, 60).stopped()).isGreaterThan(weekly.stopped()).isGreaterThan(0.9);
        assertThat(new UsageRhythm(52, 365, 10000).stopped()).isCloseTo(1, within(1e-9));
    }

    @Test
    void aRareAccountIsSeldomSeenInTheNextQuarterEvenIfItCarriesOn() {
        assertThat(new UsageRhythm(4, 365, 0).quietAhead()).isBetween(0.4, 0.5);
        assertThat(new UsageRhythm(52, 365, 0).quietAhead()).isLessThan(0.05);
        // One purchase 200 days ago: the prior alone, about one day in 290.
        assertThat(new UsageRhythm(1, 200, 200).quietAhead()).isBetween(0.7, 0.8);
    }

    @Test
    void noActivityOverTheHorizonCombinesBoth() {
        UsageRhythm r = new UsageRhythm(3, 200, 100);
        double none = 1 - (1 - r.stopped()) * (1 - r.quietAhead());
        assertThat(none).isGreaterThan(r.stopped()).isGreaterThan(r.quietAhead()).isLessThan(1);
    }
}
