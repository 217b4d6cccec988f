package io.csbridge.domain.scoring;

import io.csbridge.domain.health.BandThresholds;
import io.csbridge.domain.health.HealthModel;
import io.csbridge.domain.health.LifecycleStage;
import io.csbridge.domain.score.Band;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

class DryRunTest {

    static AccountHistory usedEvery(String id, int everyDays) {
        AccountBuilder a = account(id).traits(daysAgo(300), "arr", "20000");
        for (int d = 1; d < 200; d += everyDays) a.usedOnDaysAgo("u1", d);
        return a.history();
    }

    @Test
    void aStricterGreenThresholdShowsWhichAccountsWouldLeaveGreen() {
        List<AccountHistory> accounts = List.of(usedEvery("daily", 1), usedEvery("weekly", 7), usedEvery("rare", 40));
        ScoringConfig current = ScoringConfig.defaults();
        HealthModel strict = new HealthModel("adopted-strict", "*", LifecycleStage.ADOPTED, new BandThresholds(99, 40),
                HealthModel.adopted().measures());
        ScoringConfig proposed = current.withVersion("strict-1").withHealthModels(List.of(HealthModel.onboarding(), strict));
        ModelScorer scorer = new ModelScorer(current);
        assertThat(scorer.evaluate(accounts.get(0), NOW).health().band()).isEqualTo(Band.GREEN);

        DryRun.Report report = DryRun.compare(accounts, current, proposed, NOW);
        assertThat(report.accounts()).isEqualTo(3);
        assertThat(report.changes()).extracting(DryRun.BandChange::accountId).containsExactly("daily");
        DryRun.BandChange change = report.changes().get(0);
        assertThat(change.from()).isEqualTo(Band.GREEN);
        assertThat(change.to()).isEqualTo(Band.YELLOW);
        assertThat(change.scoreAfter()).isEqualTo(change.scoreBefore());
        assertThat(report.moves()).containsEntry("Green->Yellow", 1);
        assertThat(report.proposedVersion()).isEqualTo("strict-1");
    }

    @Test
    void theSameConfigurationMovesNobody() {
        List<AccountHistory> accounts = List.of(usedEvery("daily", 1), usedEvery("rare", 40));
        assertThat(DryRun.compare(accounts, ScoringConfig.defaults(), ScoringConfig.defaults(), NOW).changes()).isEmpty();
    }
}
