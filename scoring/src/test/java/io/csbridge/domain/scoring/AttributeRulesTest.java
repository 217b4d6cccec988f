package io.csbridge.domain.scoring;

import io.csbridge.domain.health.BandThresholds;
import io.csbridge.domain.health.HealthModel;
import io.csbridge.domain.health.LifecycleStage;
import io.csbridge.domain.health.MeasureSpec;
import io.csbridge.domain.score.InvalidConfigException;
import io.csbridge.domain.segment.SegmentPolicy;
import io.csbridge.domain.segment.SegmentRule;
import io.csbridge.domain.signal.CustomAttributes;
import io.csbridge.store.settings.ScoringConfigJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Custom account attributes in segment rules and as a health measure. */
class AttributeRulesTest {

    static ScoringConfig config() {
        SegmentPolicy s = SegmentPolicy.standard();
        SegmentPolicy segments = new SegmentPolicy(s.basis(), s.tiers(), s.unknownLabel(), s.grossMargin(), s.annualChurnRate(),
                s.maxLifetimeYears(), List.of(new SegmentRule("industry", "Healthcare", null, "regulated"),
                new SegmentRule("employees", null, 5000.0, "enterprise")));
        HealthModel model = new HealthModel("licences", HealthModel.ANY_SEGMENT, LifecycleStage.ANY, BandThresholds.standard(),
                List.of(MeasureSpec.ofAttribute("licenceUse", 1, 0, 0, 100, 100)));
        return ScoringConfig.defaults().withSegments(segments).withHealthModels(List.of(model));
    }

    @Test
    void segmentRulesAndAnAttributeMeasureReadTheCustomAttributes() {
        ScoringConfig config = ScoringConfigJson.read(ScoringConfigJson.write(config()));
        ModelScorer scorer = new ModelScorer(config);
        var healthcare = scorer.evaluate(account("a").traits(daysAgo(10), "arr", "500000",
                CustomAttributes.key("industry"), "healthcare", CustomAttributes.key("licenceUse"), "80").history(), NOW);
        assertThat(healthcare.segment()).isEqualTo("regulated");
        assertThat(healthcare.health().score()).isEqualTo(80);
        assertThat(healthcare.health().drivers().get(0).measure()).isEqualTo("attribute:licenceUse");

        var big = scorer.evaluate(account("b").traits(daysAgo(10), CustomAttributes.key("employees"), "12000").history(), NOW);
        assertThat(big.segment()).isEqualTo("enterprise");
        assertThat(big.health().missing()).anyMatch(m -> m.startsWith("attribute:licenceUse: no licenceUse"));
        var plain = scorer.evaluate(account("c").traits(daysAgo(10), "arr", "500000").history(), NOW);
        assertThat(plain.segment()).isEqualTo("high-touch");
    }

    @Test
    void anAttributeMeasureNeedsItsAttribute() {
        String json = ScoringConfigJson.write(config()).replace("\"attribute\" : \"licenceUse\"", "\"attribute\" : null");
        assertThatThrownBy(() -> ScoringConfigJson.read(json)).isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("needs 'attribute'");
    }
}
