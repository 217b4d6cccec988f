package io.csbridge.domain.kpi;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.csbridge.domain.scoring.AccountBuilder;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.scoring.ScoringConfig;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

class KpisTest {

    final Kpis kpis = new Kpis(ScoringConfig.defaults());

    @Test
    void npsOf50Promoters30Passives20DetractorsIs30PlusMinus15Point3() {
        Nps nps = Nps.of(50, 30, 20);
        assertThat(nps.score()).isEqualTo(30.0);
        assertThat(nps.margin95()).isEqualTo(15.3);
        assertThat(nps.n()).isEqualTo(100);
    }

    @Test
    void npsFromAnswersGroupsPromotersPassivesAndDetractors() {
        assertThat(Nps.fromAnswers(10, 9, 8, 7, 6, 0)).isEqualTo(Nps.of(2, 2, 2));
        assertThat(Nps.fromAnswers().score()).isNull();
    }

    @Test
    void kpiNpsSerialisesToTheContractShape() throws Exception {
        List<AccountHistory> accounts = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double answer = i < 50 ? 9 + i % 2 : i < 80 ? 7 + i % 2 : i % 7;
            accounts.add(account("a" + i).nps(daysAgo(10 + i % 30), answer, "u" + i).history());
        }
        KpiReport report = kpis.compute(accounts, NOW);
        String json = new ObjectMapper().writeValueAsString(report);
        assertThat(json).contains("\"nps\":{\"score\":30.0,\"margin95\":15.3,\"n\":100,\"promoters\":50,\"passives\":30,\"detractors\":20}");
    }

    @Test
    void onlyTheLatestAnswerOfEachRespondentCounts() {
        AccountHistory a = account("a").nps(daysAgo(100), 2, "u1").nps(daysAgo(10), 10, "u1").nps(daysAgo(5), 8, "u2").history();
        assertThat(kpis.compute(List.of(a), NOW).nps()).isEqualTo(Nps.of(1, 1, 0));
    }

    /** Four customers live a year ago: one churns, one downgrades, one buys an upsell, one a cross-sell. */
    static List<AccountHistory> book() {
        return List.of(
                account("churner").traits(daysAgo(500), "arr", "12000", "startDate", "2024-10-01")
                        .traits(daysAgo(100), "churned", "true").history(),
                account("downgrader").traits(daysAgo(500), "arr", "24000", "startDate", "2024-10-01")
                        .opportunity(daysAgo(50), "downgrade", "won", 6000).history(),
                account("upsold").traits(daysAgo(500), "arr", "120000", "startDate", "2024-10-01")
                        .opportunity(daysAgo(50), "upsell", "won", 30000).history(),
                account("crossSold").traits(daysAgo(500), "arr", "48000", "startDate", "2024-10-01")
                        .opportunity(daysAgo(50), "cross-sell", "won", 12000)
                        .opportunity(daysAgo(40), "upsell", "lost", 5000).history(),
                account("newcomer").traits(daysAgo(20), "arr", "6000", "startDate", "2026-02-09").history());
    }

    @Test
    void customerAndRevenueChurnCountWhatWasLiveAtTheStartOfThePeriod() {
        KpiReport.Churn churn = kpis.compute(book(), NOW).churn();
        assertThat(churn.accountsAtStart()).isEqualTo(4);
        assertThat(churn.accountsLost()).isEqualTo(1);
        assertThat(churn.customerChurnRate()).isEqualTo(25.0);
        // MRR at start 17,000; lost 1,000 (churn) + 500 (downgrade)
        assertThat(churn.mrrAtStart()).isEqualTo(17_000);
        assertThat(churn.mrrLost()).isEqualTo(1_500);
        assertThat(churn.revenueChurnRate()).isEqualTo(8.8);
    }

    @Test
    void grossAndNetRevenueRetentionComeFromArrAndOpportunities() {
        KpiReport.RevenueRetention r = kpis.compute(book(), NOW).revenueRetention();
        // start 204,000; churn 12,000; contraction 6,000; expansion 42,000
        assertThat(r.grr()).isEqualTo(91.2);
        assertThat(r.nrr()).isEqualTo(111.8);
    }

    @Test
    void upsellAndCrossSellRatesCountWonDeals() {
        KpiReport.Expansion e = kpis.compute(book(), NOW).expansion();
        assertThat(e.upsellRate()).isEqualTo(25.0);
        assertThat(e.crossSellRate()).isEqualTo(25.0);
    }

    @Test
    void retentionIsCountedPerStartCohortAfter6And12Months() {
        List<KpiReport.CohortRetention> cohorts = kpis.compute(book(), NOW).retention();
        assertThat(cohorts).extracting(KpiReport.CohortRetention::cohort).containsExactly("2024-10", "2026-02");
        KpiReport.CohortRetention october = cohorts.get(0);
        assertThat(october.accounts()).isEqualTo(4);
        assertThat(october.retained6m()).isEqualTo(100.0);
        assertThat(october.retained12m()).isEqualTo(100.0);
        assertThat(cohorts.get(1).eligible6m()).isZero();
        assertThat(cohorts.get(1).retained6m()).isNull();
    }

    @Test
    void onboardingCompletionRateIsCompletedOverStarted() {
        AccountHistory done = account("done").traits(daysAgo(60), "startDate", "2026-01-01")
                .used(daysAgo(59), "Signed In", "u1").usedOnDaysAgo("u2", 50).usedOnDaysAgo("u3", 40)
                .milestone(daysAgo(55), "setup-completed").milestone(daysAgo(50), "integration-connected")
                .milestone(daysAgo(45), "first-value").history();
        AccountHistory notYet = account("notYet").traits(daysAgo(10), "startDate", "2026-02-19").history();
        KpiReport.OnboardingCompletion c = kpis.compute(List.of(done, notYet), NOW).onboardingCompletion();
        assertThat(c.started()).isEqualTo(2);
        assertThat(c.completed()).isEqualTo(1);
        assertThat(c.rate()).isEqualTo(50.0);
    }

    @Test
    void lifetimeValueBySegmentUsesTheSegmentsChurnRate() {
        KpiReport report = kpis.compute(book(), NOW);
        KpiReport.SegmentValue high = report.ltvBySegment().get("high-touch");
        assertThat(high.accounts()).isEqualTo(1);
        assertThat(high.averageArr()).isEqualTo(120_000);
        // no high-touch churn in the period: lifetime capped at 10 years
        assertThat(high.ltv()).isEqualTo(120_000 * 0.8 * 10);
        KpiReport.SegmentValue low = report.ltvBySegment().get("low-touch");
        // low-touch at the start: churner, downgrader, crossSold -> 1 of 3 lost
        assertThat(low.annualChurnRate()).isEqualTo(0.3333);
    }
}
