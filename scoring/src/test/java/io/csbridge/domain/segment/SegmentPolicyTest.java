package io.csbridge.domain.segment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentPolicyTest {

    @Test
    void accountsAreTieredByArr() {
        SegmentPolicy p = SegmentPolicy.standard();
        assertThat(p.classify(250_000)).isEqualTo("high-touch");
        assertThat(p.classify(100_000)).isEqualTo("high-touch");
        assertThat(p.classify(99_999)).isEqualTo("low-touch");
        assertThat(p.classify(500)).isEqualTo("tech-touch");
    }

    @Test
    void anAccountWithoutArrGetsTheUnknownLabel() {
        assertThat(SegmentPolicy.standard().classify(Double.NaN)).isEqualTo("tech-touch");
    }

    @Test
    void byLifetimeValueArrIsMultipliedByMarginAndLifetime() {
        SegmentPolicy ltv = new SegmentPolicy(SegmentBasis.LTV, List.of(new SegmentTier("high-touch", 400_000),
                new SegmentTier("tech-touch", 0)), "tech-touch", 0.8, 0.2, 10);
        // 100k ARR x 0.8 x 5 years = 400k
        assertThat(ltv.lifetimeValue(100_000)).isEqualTo(400_000);
        assertThat(ltv.classify(100_000)).isEqualTo("high-touch");
        assertThat(ltv.classify(90_000)).isEqualTo("tech-touch");
    }

    @Test
    void tiersOutOfOrderAreRejected() {
        SegmentPolicy p = new SegmentPolicy(SegmentBasis.ARR, List.of(new SegmentTier("a", 10), new SegmentTier("b", 100)),
                "a", 0.8, 0.1, 10);
        List<String> problems = new java.util.ArrayList<>();
        p.check("segments", problems);
        assertThat(problems).containsExactly("segments.tiers[1]: tiers must be listed from the highest minimum to the lowest");
    }
}
