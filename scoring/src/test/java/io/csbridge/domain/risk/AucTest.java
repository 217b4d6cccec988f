package io.csbridge.domain.risk;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AucTest {

    @Test
    void aPerfectRankingHasAucOneAndAnInvertedOneZero() {
        boolean[] labels = {false, false, true, true};
        assertThat(Auc.of(new double[]{1, 2, 3, 4}, labels)).isEqualTo(1.0);
        assertThat(Auc.of(new double[]{4, 3, 2, 1}, labels)).isEqualTo(0.0);
    }

    @Test
    void aucMatchesTheKnownExample() {
        // scikit-learn's roc_auc_score example: 0.75
        assertThat(Auc.of(new double[]{0.1, 0.4, 0.35, 0.8}, new boolean[]{false, false, true, true})).isEqualTo(0.75);
    }

    @Test
    void tiesCountHalf() {
        assertThat(Auc.of(new double[]{1, 1, 2, 3}, new boolean[]{false, true, false, true})).isEqualTo(0.625);
        assertThat(Auc.of(new double[]{5, 5, 5, 5}, new boolean[]{false, true, false, true})).isEqualTo(0.5);
    }

    @Test
    void aucIsUndefinedWithOneClass() {
        assertThat(Auc.of(new double[]{1, 2}, new boolean[]{true, true})).isNaN();
    }

    @Test
    void precisionAtTopTenPercentCountsPositivesAmongTheHighestScores() {
        double[] scores = new double[20];
        boolean[] labels = new boolean[20];
        for (int i = 0; i < 20; i++) scores[i] = i;
        labels[19] = true;
        labels[0] = true;
        assertThat(Auc.precisionAtTop(scores, labels, 0.10)).isEqualTo(0.5);
        labels[18] = true;
        assertThat(Auc.precisionAtTop(scores, labels, 0.10)).isEqualTo(1.0);
    }

    @Test
    void precisionAtTopSharesTiesAtTheCutFairly() {
        double[] scores = {9, 5, 5, 5, 5, 1, 1, 1, 1, 1};
        boolean[] labels = {true, true, false, false, false, false, false, false, false, false};
        // top 2: the 9 (positive) plus one of four tied 5s, of which one is positive
        assertThat(Auc.precisionAtTop(scores, labels, 0.2)).isCloseTo((1 + 0.25) / 2, within(1e-12));
    }
}
