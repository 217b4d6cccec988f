package io.csbridge.domain.risk;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class LogisticRegressionTest {

    @Test
    void learnsASeparableToySetWithFiniteWeights() {
        double[][] x = {{0, 0}, {0.1, 0.2}, {0.2, 0.1}, {0.9, 1.0}, {1.0, 0.8}, {0.8, 0.9}};
        int[] y = {0, 0, 0, 1, 1, 1};
        double[] w = LogisticRegression.fit(x, y, 0.1);
        for (int i = 0; i < x.length; i++) {
            double p = LogisticRegression.predict(w, x[i]);
            assertThat(p > 0.5).as("example %d", i).isEqualTo(y[i] == 1);
        }
        for (double wi : w) assertThat(Double.isFinite(wi)).isTrue();
        assertThat(w[1]).isPositive();
        assertThat(w[2]).isPositive();
    }

    @Test
    void aStrongerPenaltyShrinksTheWeights() {
        double[][] x = {{0}, {0.2}, {0.4}, {0.6}, {0.8}, {1}};
        int[] y = {0, 0, 1, 0, 1, 1};
        assertThat(Math.abs(LogisticRegression.fit(x, y, 10)[1])).isLessThan(Math.abs(LogisticRegression.fit(x, y, 0.01)[1]));
    }

    @Test
    void recoversTheSignOfARealEffect() {
        Random random = new Random(7);
        double[][] x = new double[2000][2];
        int[] y = new int[2000];
        for (int i = 0; i < x.length; i++) {
            x[i][0] = random.nextDouble();
            x[i][1] = random.nextDouble();
            y[i] = random.nextDouble() < LogisticRegression.sigmoid(-2 + 4 * x[i][0]) ? 1 : 0;
        }
        double[] w = LogisticRegression.fit(x, y, 0.01);
        assertThat(w[1]).isBetween(3.0, 5.0);
        assertThat(Math.abs(w[2])).isLessThan(0.6);
    }

    @Test
    void trainerReportsCrossValidatedAucBesideTheRules() {
        Random random = new Random(3);
        List<ChurnExample> examples = new ArrayList<>();
        int n = RiskFeatures.NAMES.size();
        for (int i = 0; i < 300; i++) {
            double[] f = new double[n];
            f[0] = random.nextDouble();
            f[1] = random.nextDouble();
            boolean churned = random.nextDouble() < f[0];
            examples.add(new ChurnExample("a" + i, f, 100 * f[1], churned));
        }
        FittedChurnModel model = ChurnModelTrainer.standard().fit(examples, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(model.crossValidatedAuc()).isGreaterThan(0.7);
        assertThat(model.ruleAuc()).isBetween(0.35, 0.65);
        assertThat(model.coefficients()).hasSize(n);
        assertThat(model.features()).isEqualTo(RiskFeatures.NAMES);
        assertThat(model.accounts()).isEqualTo(300);
    }
}
