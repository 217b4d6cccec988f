package io.csbridge.domain.scoring;

import io.csbridge.domain.score.MeasureReading;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static io.csbridge.domain.scoring.DryRunTest.usedEvery;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MeasureDistributionTest {

    @Test
    void inputsFallIntoEqualBinsFromTheLowestToTheHighestAndMissingOnesAreCountedApart() {
        List<MeasureReading> readings = List.of(value(0), value(10), value(20), value(120),
                MeasureReading.missing("no product usage seen"));
        MeasureDistribution d = MeasureDistribution.of("activeDays", readings);
        assertThat(d.accounts()).isEqualTo(4);
        assertThat(d.missing()).isEqualTo(1);
        assertThat(d.low()).isZero();
        assertThat(d.high()).isEqualTo(120);
        assertThat(d.counts()).hasSize(MeasureDistribution.BINS).containsExactly(1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1);
        assertThat(d.quartiles().get(1)).isCloseTo(15, within(1e-9));
    }

    @Test
    void thePortfolioGivesEveryMeasureAndEachNumericCustomAttribute() {
        List<AccountHistory> accounts = List.of(usedEvery("daily", 1), usedEvery("rare", 40),
                account("custom").traits(daysAgo(100), "arr", "9000", "custom.licenses", "42", "custom.tier", "gold").history());
        List<MeasureDistribution> all = MeasureDistribution.portfolio(accounts, ScoringConfig.defaults(), NOW);
        Map<String, MeasureDistribution> byName = new java.util.HashMap<>();
        all.forEach(d -> byName.put(d.measure(), d));
        assertThat(byName).containsKeys("activeDays", "openTickets", "nps", "onboarding", "attribute:licenses")
                .doesNotContainKey("attribute:tier");
        assertThat(byName.get("activeDays").accounts()).isEqualTo(2);
        assertThat(byName.get("activeDays").missing()).isEqualTo(1);
        assertThat(byName.get("attribute:licenses").low()).isEqualTo(42);
    }

    private static MeasureReading value(double x) {
        return MeasureReading.of(x, "x", Map.of());
    }
}
