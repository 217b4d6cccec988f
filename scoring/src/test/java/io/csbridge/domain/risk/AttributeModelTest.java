package io.csbridge.domain.risk;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.onboarding.MilestoneCatalog;
import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.scoring.FactCollector;
import io.csbridge.domain.scoring.ScoringConfig;
import io.csbridge.domain.signal.CustomAttributes;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.store.settings.ScoringConfigJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Custom account attributes: collected as of a moment, encoded for the fitted model, saved with it. */
class AttributeModelTest {

    static Signal traits(String at, Map<String, String> custom) {
        Map<String, String> a = new HashMap<>();
        custom.forEach((k, v) -> a.put(CustomAttributes.key(k), v));
        return new Signal(AccountKey.product("acme"), SignalKind.ACCOUNT_TRAITS, Instant.parse(at), "group", "", Double.NaN, a);
    }

    @Test
    void factsHoldTheLatestValueAsOfTheScoringTimeWithinTheLimit() {
        List<Signal> signals = new ArrayList<>(List.of(
                traits("2026-01-01T00:00:00Z", Map.of("contract", "monthly", "tenure", "3")),
                traits("2026-02-01T00:00:00Z", Map.of("contract", "yearly"))));
        FactCollector collector = new FactCollector(List.of(), new MilestoneCatalog(List.of()));
        AccountFacts january = collector.collect(signals, Instant.parse("2026-01-15T00:00:00Z"));
        AccountFacts march = collector.collect(signals, Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(january.customAttributes()).containsEntry("contract", "monthly").containsEntry("tenure", "3");
        assertThat(march.custom("contract")).isEqualTo("yearly");
        assertThat(march.customNumber("tenure")).isEqualTo(3.0);

        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 60; i++) many.put("a" + i, "1");
        signals.add(traits("2026-02-02T00:00:00Z", many));
        assertThat(collector.collect(signals, Instant.parse("2026-03-01T00:00:00Z")).customAttributes())
                .hasSize(CustomAttributes.MAX_PER_ACCOUNT);
    }

    @Test
    void numbersAreStandardisedCategoriesOneHotAndConstantsLeftOut() {
        AttributeEncoding encoding = AttributeEncoding.learn(List.of(
                Map.of("plan", "pro", "seats", "10", "region", "eu"),
                Map.of("plan", "basic", "seats", "30", "region", "eu"),
                Map.of("plan", "pro", "region", "eu"),
                Map.of("plan", "basic", "seats", " ", "region", "eu")));
        assertThat(encoding.features()).containsExactly(AttributeFeature.category("plan", "basic"),
                AttributeFeature.category("plan", "pro"), AttributeFeature.number("seats", 20, 10));
        assertThat(encoding.row(new double[]{0.5}, Map.of("plan", "pro", "seats", "40"))).containsExactly(0.5, 0, 1, 2);
        assertThat(encoding.row(new double[0], Map.of())).containsExactly(0, 0, 0);
    }

    @Test
    void aFittedModelWithAttributesIsSavedWithItsEncodingAndAnOldOneStaysReadable() {
        FittedChurnModel fitted = new FittedChurnModel(RiskFeatures.NAMES, -1, RiskFeatures.NAMES.stream().map(n -> 0.0).toList(),
                1, 5, 0.8, 0.6, 100, 20, "2026-01-01T00:00:00Z",
                List.of(AttributeFeature.category("plan", "pro").withCoefficient(-1), AttributeFeature.number("seats", 20, 10).withCoefficient(0.5)));
        ScoringConfig config = ScoringConfig.defaults().withChurnRisk(ScoringConfig.defaults().churnRisk().withFitted(fitted));
        String json = ScoringConfigJson.write(config);
        assertThat(ScoringConfigJson.read(json).churnRisk().fitted()).isEqualTo(fitted);
        assertThat(fitted.probability(new double[RiskFeatures.NAMES.size()], Map.of("plan", "pro", "seats", "40")))
                .isEqualTo(LogisticRegression.sigmoid(-1 - 1 + 0.5 * 2));

        String old = json.replaceAll("(?s),\\s*\"attributes\"\\s*:\\s*\\[.*?\\]\\s*(?=})", "");
        assertThat(old).doesNotContain("\"attributes\"");
        FittedChurnModel read = ScoringConfigJson.read(old).churnRisk().fitted();
        assertThat(read.attributes()).isEmpty();
        assertThat(read.intercept()).isEqualTo(-1);
    }
}
