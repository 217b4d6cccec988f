package io.csbridge.domain.health;

import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.score.MeasureReading;
import io.csbridge.domain.scoring.AccountBuilder;
import io.csbridge.domain.scoring.FactCollector;

import io.csbridge.domain.onboarding.MilestoneCatalog;
import io.csbridge.domain.onboarding.OnboardingPlan;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Each health measure reads the right input from the signals and says it in words. */
class MeasureTest {

    final FactCollector collector = new FactCollector(List.of("Report Built", "Dashboard Shared", "Alert Created", "Export Run"),
            new MilestoneCatalog(List.of(OnboardingPlan.standard())));

    AccountFacts facts(AccountBuilder account) {
        return collector.collect(account.history().upTo(NOW), NOW);
    }

    MeasureReading read(Measure measure, AccountBuilder account) {
        return measure.read(facts(account), Double.NaN);
    }

    @Test
    void activeDaysCountsDistinctDaysOfUseInTheLast30Days() {
        AccountBuilder a = account("a").usedOnDaysAgo("u1", 1, 1.01, 1.02, 3, 10, 29.5, 31, 45);
        MeasureReading r = read(Measure.ACTIVE_DAYS, a);
        assertThat(r.input()).isEqualTo(4);
        assertThat(r.explanation()).isEqualTo("active on 4 of the last 30 days");
    }

    @Test
    void activeUsersCountsDistinctUsersInTheLast30Days() {
        AccountBuilder a = account("a").usedOnDaysAgo("u1", 1, 2).usedOnDaysAgo("u2", 5).usedOnDaysAgo("u3", 40);
        assertThat(read(Measure.ACTIVE_USERS, a).input()).isEqualTo(2);
        assertThat(read(Measure.ACTIVE_USERS, a).explanation()).isEqualTo("2 active users in the last 30 days");
    }

    @Test
    void activeDaysPerSeatDividesUserDaysBySeatsBought() {
        AccountBuilder a = account("a").traits(daysAgo(100), "seats", "4")
                .usedOnDaysAgo("u1", 1, 2, 3).usedOnDaysAgo("u2", 1, 1.01);
        MeasureReading r = read(Measure.ACTIVE_DAYS_PER_SEAT, a);
        assertThat(r.input()).isEqualTo(4 / 4.0);
        assertThat(r.inputs()).containsEntry("userDays30d", 4);
    }

    @Test
    void activeDaysPerSeatIsMissingWithoutSeats() {
        assertThat(read(Measure.ACTIVE_DAYS_PER_SEAT, account("a").usedOnDaysAgo("u1", 1)).missing())
                .isEqualTo("no seats bought on record");
    }

    @Test
    void activityTrendComparesActiveDaysWithThePrevious30Days() {
        AccountBuilder a = account("a").usedOnDaysAgo("u1", 1, 2, 35, 36, 37, 38);
        MeasureReading r = read(Measure.ACTIVITY_TREND, a);
        assertThat(r.input()).isEqualTo(-50);
        assertThat(r.explanation()).isEqualTo("active days down 50% on the previous 30 days (2 vs 4)");
    }

    @Test
    void featureAdoptionIsTheShareOfKeyFeaturesUsedIn30Days() {
        AccountBuilder a = account("a").used(daysAgo(1), "Report Built", "u1").used(daysAgo(2), "Export Run", "u1")
                .used(daysAgo(50), "Alert Created", "u1");
        MeasureReading r = read(Measure.FEATURE_ADOPTION, a);
        assertThat(r.input()).isEqualTo(50);
        assertThat(r.explanation()).isEqualTo("used 2 of 4 key features in 30 days");
    }

    @Test
    void openTicketsCountsTicketsNotYetSolved() {
        AccountBuilder a = account("a")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(5), "1", "status", "new")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(4), "2", "status", "open")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(3), "3", "status", "open")
                .ticket(SignalKind.TICKET_SOLVED, daysAgo(1), "3");
        assertThat(read(Measure.OPEN_TICKETS, a).input()).isEqualTo(2);
        assertThat(read(Measure.OPEN_TICKETS, a).explanation()).isEqualTo("2 tickets open");
    }

    @Test
    void urgentTicketsCountsOpenTicketsWithUrgentPriority() {
        AccountBuilder a = account("a")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(5), "1", "priority", "urgent")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(5), "2", "priority", "normal")
                .ticket(SignalKind.TICKET_UPDATED, daysAgo(2), "2", "priority", "urgent")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(4), "3", "priority", "urgent")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(4), "4", "priority", "urgent")
                .ticket(SignalKind.TICKET_UPDATED, daysAgo(1), "4", "status", "solved");
        assertThat(read(Measure.URGENT_TICKETS, a).input()).isEqualTo(3);
        assertThat(read(Measure.URGENT_TICKETS, a).explanation()).isEqualTo("3 urgent tickets open");
    }

    @Test
    void reopenRateIsReopenedPerSolvedTicketIn90Days() {
        AccountBuilder a = account("a");
        for (int i = 0; i < 4; i++) {
            a.ticket(SignalKind.TICKET_CREATED, daysAgo(20), "t" + i).ticket(SignalKind.TICKET_SOLVED, daysAgo(10), "t" + i);
        }
        a.ticket(SignalKind.TICKET_REOPENED, daysAgo(5), "t0");
        assertThat(read(Measure.REOPEN_RATE, a).input()).isEqualTo(25);
    }

    @Test
    void satisfactionIsTheShareOfGoodRatingsIn90Days() {
        AccountBuilder a = account("a").satisfaction(daysAgo(1), true).satisfaction(daysAgo(2), true)
                .satisfaction(daysAgo(3), true).satisfaction(daysAgo(4), false).satisfaction(daysAgo(100), false);
        MeasureReading r = read(Measure.SATISFACTION, a);
        assertThat(r.input()).isEqualTo(75);
        assertThat(r.explanation()).isEqualTo("75% good satisfaction ratings (3 of 4) in 90 days");
    }

    @Test
    void npsIsTheLatestAnswerOfTheLastYear() {
        AccountBuilder a = account("a").nps(daysAgo(400), 2, "u1").nps(daysAgo(100), 9, "u1").nps(daysAgo(10), 4, "u2");
        MeasureReading r = read(Measure.NPS, a);
        assertThat(r.input()).isEqualTo(4);
        assertThat(r.explanation()).isEqualTo("latest NPS answer 4 (detractor)");
        assertThat(read(Measure.NPS, account("b").nps(daysAgo(400), 9, "u")).isMissing()).isTrue();
    }

    @Test
    void npsTrendIsTheLatestAnswerMinusTheOneBefore() {
        AccountBuilder a = account("a").nps(daysAgo(100), 9, "u1").nps(daysAgo(10), 4, "u1");
        MeasureReading r = read(Measure.NPS_TREND, a);
        assertThat(r.input()).isEqualTo(-5);
        assertThat(r.explanation()).isEqualTo("NPS answer fell from 9 to 4");
    }

    @Test
    void onboardingMeasureIsTheCompletionPercentage() {
        MeasureReading r = Measure.ONBOARDING.read(facts(account("a").usedOnDaysAgo("u", 1)), 60);
        assertThat(r.input()).isEqualTo(60);
        assertThat(r.explanation()).isEqualTo("onboarding 60% complete");
    }

    @Test
    void renewalProximityIsDaysUntilTheRenewalDate() {
        AccountBuilder a = account("a").traits(daysAgo(10), "renewalDate", "2026-04-15");
        MeasureReading r = read(Measure.RENEWAL_PROXIMITY, a);
        assertThat(r.input()).isEqualTo(45);
        assertThat(r.explanation()).isEqualTo("renewal in 45 days");
    }

    @Test
    void seatUtilisationIsActiveUsersPerSeatBought() {
        AccountBuilder a = account("a").traits(daysAgo(100), "seats", "10")
                .usedOnDaysAgo("u1", 1).usedOnDaysAgo("u2", 2).usedOnDaysAgo("u3", 3);
        MeasureReading r = read(Measure.SEAT_UTILISATION, a);
        assertThat(r.input()).isCloseTo(30, within(1e-9));
        assertThat(r.explanation()).isEqualTo("3 of 10 seats active (30%)");
    }

    @Test
    void signalsAfterAsOfAreNeverCounted() {
        AccountBuilder a = account("a").usedOnDaysAgo("u1", 1).used(NOW.plusSeconds(60), "Report Viewed", "u2");
        assertThat(collector.collect(a.history().signals(), NOW).activeUsers30()).isEqualTo(1);
    }
}
