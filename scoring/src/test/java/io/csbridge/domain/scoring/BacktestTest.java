package io.csbridge.domain.scoring;

import io.csbridge.store.settings.ScoringConfigJson;

import io.csbridge.domain.risk.ChurnModelTrainer;
import io.csbridge.domain.risk.FittedChurnModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static org.assertj.core.api.Assertions.assertThat;

class BacktestTest {

    static final Instant CUT_OFF = NOW.minus(Duration.ofDays(120));

    /**
     * 100 accounts; the ones that fade before the cut-off (used rarely, last long ago) mostly churn in
     * the months after it, by trait or by a lost renewal; a few steady ones churn too, to keep it honest.
     */
    static List<AccountHistory> book() {
        Random random = new Random(11);
        List<AccountHistory> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            boolean fading = i % 3 == 0;
            AccountBuilder a = account("acct-" + i).traits(CUT_OFF.minus(Duration.ofDays(400)), "arr", "20000");
            int every = fading ? 20 + random.nextInt(20) : 1 + random.nextInt(4);
            int quietFor = fading ? 30 + random.nextInt(60) : random.nextInt(3);
            for (int d = quietFor; d < 360; d += every) {
                a.used(CUT_OFF.minus(Duration.ofDays(d)).minusSeconds(3600), "Report Viewed", "u" + (d % 3));
            }
            boolean churns = fading ? random.nextDouble() < 0.8 : random.nextDouble() < 0.1;
            if (churns) {
                Instant when = CUT_OFF.plus(Duration.ofDays(10 + random.nextInt(90)));
                if (i % 2 == 0) a.traits(when, "churned", "true");
                else a.opportunity(when, "renewal", "lost", 20000);
            }
            out.add(a.history());
        }
        // already churned before the cut-off: not part of the backtest
        out.add(account("gone").traits(CUT_OFF.minus(Duration.ofDays(300)), "arr", "1")
                .traits(CUT_OFF.minus(Duration.ofDays(10)), "churned", "true").history());
        return out;
    }

    @Test
    void backtestRanksAccountsThatChurnedAfterwardsAboveTheRest() {
        Backtest.Report report = Backtest.run(book(), ScoringConfig.defaults(), CUT_OFF, NOW);
        assertThat(report.accounts()).isEqualTo(100);
        assertThat(report.churned()).isBetween(25, 45);
        // The default rules put every fading account above every steady one; who churns within each group is a
        // coin flip here, so the AUC is about 0.84 at best and 0.75 is the honest floor.
        assertThat(report.riskAuc()).isGreaterThan(0.75);
        assertThat(report.riskPrecisionAtTop10()).isGreaterThan(report.baseRate()).isGreaterThanOrEqualTo(0.5);
        assertThat(report.healthAuc()).isGreaterThan(0.7);
        assertThat(report.recencyAuc()).isGreaterThan(0.5);
    }

    @Test
    void churnAfterTheBacktestWindowIsNotALabel() {
        Backtest.Report early = Backtest.run(book(), ScoringConfig.defaults(), CUT_OFF, CUT_OFF.plus(Duration.ofDays(5)));
        assertThat(early.churned()).isZero();
        assertThat(early.riskAuc()).isNaN();
    }

    @Test
    void aChurnModelFittedOnTheHistoryReportsItsCrossValidatedAuc() {
        FittedChurnModel model = Backtest.fitChurnModel(book(), ScoringConfig.defaults(), CUT_OFF, NOW, ChurnModelTrainer.standard());
        assertThat(model.crossValidatedAuc()).isGreaterThan(0.75);
        assertThat(model.ruleAuc()).isGreaterThan(0.75);
        ScoringConfig fitted = ScoringConfig.defaults().withChurnRisk(ScoringConfig.defaults().churnRisk().withFitted(model));
        assertThat(fitted.problems()).isEmpty();
        assertThat(Backtest.run(book(), fitted, CUT_OFF, NOW).riskAuc()).isGreaterThan(0.75);
        assertThat(ScoringConfigJson.read(ScoringConfigJson.write(fitted))).isEqualTo(fitted);
    }
}
