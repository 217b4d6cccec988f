package io.csbridge.domain.scoring;

import io.csbridge.domain.health.LifecycleStage;
import io.csbridge.domain.score.AccountScore;

import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

class ModelScorerTest {

    final ModelScorer scorer = ModelScorer.withDefaults();

    static AccountBuilder busyCustomer() {
        AccountBuilder a = account("acme").traits(daysAgo(300), "arr", "150000", "seats", "5", "renewalDate", "2026-09-01");
        for (int d = 1; d < 90; d += 2) a.usedOnDaysAgo("u" + (d % 5), d);
        a.milestone(daysAgo(280), "setup-completed").milestone(daysAgo(270), "integration-connected")
                .milestone(daysAgo(260), "first-value").used(daysAgo(299), "Signed In", "u1")
                .nps(daysAgo(40), 9, "u1").nps(daysAgo(5), 6, "u2")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(3), "1", "priority", "urgent")
                .satisfaction(daysAgo(20), true);
        return a;
    }

    @Test
    void scoreIsTheSameWhenEventsArriveOutOfOrder() {
        List<Signal> signals = new ArrayList<>(busyCustomer().signals());
        AccountScore inOrder = scorer.score(busyCustomer().history(), NOW);
        for (long seed = 1; seed <= 5; seed++) {
            List<Signal> shuffled = new ArrayList<>(signals);
            Collections.shuffle(shuffled, new Random(seed));
            AccountHistory history = new AccountHistory(busyCustomer().history().profile(), shuffled);
            assertThat(scorer.score(history, NOW)).isEqualTo(inOrder);
        }
    }

    @Test
    void eventsStampedAfterAsOfDoNotChangeTheScore() {
        AccountBuilder later = busyCustomer().ticket(SignalKind.TICKET_CREATED, NOW.plusSeconds(5), "9", "priority", "urgent");
        assertThat(scorer.score(later.history(), NOW)).isEqualTo(scorer.score(busyCustomer().history(), NOW));
    }

    @Test
    void aBusyHighValueCustomerIsHighTouchAdoptedAndExplained() {
        AccountEvaluation e = scorer.evaluate(busyCustomer().history(), NOW);
        assertThat(e.segment()).isEqualTo("high-touch");
        assertThat(e.stage()).isEqualTo(LifecycleStage.ADOPTED);
        AccountScore s = scorer.score(busyCustomer().history(), NOW);
        assertThat(s.segment()).isEqualTo("high-touch");
        assertThat(s.drivers()).isNotEmpty();
        assertThat(s.drivers()).allSatisfy(d -> assertThat(d.explanation()).isNotBlank());
        assertThat(s.onboardingCompletion()).as("all five milestones, 5 users seen").isEqualTo(100);
        assertThat(s.asOf()).isEqualTo(NOW);
    }

    @Test
    void aNewAccountIsScoredByTheOnboardingModel() {
        AccountBuilder a = account("new").traits(daysAgo(10), "startDate", "2026-02-19").used(daysAgo(9), "Signed In", "u1");
        AccountEvaluation e = scorer.evaluate(a.history(), NOW);
        assertThat(e.stage()).isEqualTo(LifecycleStage.ONBOARDING);
        assertThat(e.health().model()).isEqualTo("onboarding");
        assertThat(e.onboardingCompletion()).isEqualTo(10);
    }

    @Test
    void trendIsTheScoreNowMinusTheScore30DaysAgo() {
        AccountBuilder a = account("fading").traits(daysAgo(200), "arr", "20000");
        for (int d = 31; d < 120; d++) a.usedOnDaysAgo("u1", d);
        a.usedOnDaysAgo("u1", 2);
        AccountScore now = scorer.score(a.history(), NOW);
        AccountScore then = scorer.score(a.history(), NOW.minus(Duration.ofDays(30)));
        assertThat(now.trend()).isEqualTo(now.healthScore() - then.healthScore());
        assertThat(now.trend()).isNegative();
    }

    @Test
    void trendIsUnknownForAnAccountYoungerThan30Days() {
        assertThat(scorer.score(account("young").usedOnDaysAgo("u", 3).history(), NOW).trend()).isNull();
    }

    @Test
    void usageOlderThanTwoWeeksIsFlaggedStale() {
        AccountScore s = scorer.score(account("quiet").traits(daysAgo(200), "arr", "20000").usedOnDaysAgo("u", 20, 60).history(), NOW);
        assertThat(s.staleInputs()).contains("usage: no usage signal in 14 days");
        AccountScore fresh = scorer.score(account("busy").traits(daysAgo(200), "arr", "20000").usedOnDaysAgo("u", 2, 60).history(), NOW);
        assertThat(fresh.staleInputs()).doesNotContain("usage: no usage signal in 14 days");
    }

    @Test
    void missingMeasuresAreFlaggedAsStaleInputs() {
        AccountScore s = scorer.score(account("a").traits(daysAgo(200), "arr", "20000").usedOnDaysAgo("u", 2, 60).history(), NOW);
        assertThat(s.staleInputs()).contains("nps: no NPS answer in 365 days", "seatUtilisation: no seats bought on record");
    }

    @Test
    void riskReasonsFollowTheHealthDrivers() {
        AccountScore s = scorer.score(account("a").traits(daysAgo(200), "arr", "20000").usedOnDaysAgo("u", 100, 120).history(), NOW);
        int firstRisk = -1;
        for (int i = 0; i < s.drivers().size(); i++) {
            if (s.drivers().get(i).measure().startsWith("risk.")) { if (firstRisk < 0) firstRisk = i; }
            else assertThat(firstRisk).as("health drivers come first").isEqualTo(-1);
        }
        assertThat(firstRisk).isPositive();
    }
}
