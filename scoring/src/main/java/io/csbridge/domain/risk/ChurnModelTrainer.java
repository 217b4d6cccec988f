package io.csbridge.domain.risk;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fits the churn model to the customer's own history and judges it fairly: stratified k-fold
 * cross-validation (each account scored by a model that never saw it), reported beside the AUC of
 * the rules on the same accounts. Fold assignment uses a fixed seed, so a fit is reproducible.
 * The inputs are the rule severities (0-1, as they are) and the custom account attributes, encoded by
 * {@link AttributeEncoding} (numbers standardised, categories one-hot; learnt once from all the
 * training accounts' attributes, never from their labels); L2-regularised with {@code lambda}.
 */
public final class ChurnModelTrainer {

    public static final double DEFAULT_LAMBDA = 1.0;
    public static final int DEFAULT_FOLDS = 5;
    private static final long SEED = 20_260_301L;

    private final double lambda;
    private final int folds;

    public ChurnModelTrainer(double lambda, int folds) {
        if (!(lambda >= 0)) throw new IllegalArgumentException("lambda must be zero or positive");
        if (folds < 2) throw new IllegalArgumentException("at least two folds");
        this.lambda = lambda;
        this.folds = folds;
    }

    public static ChurnModelTrainer standard() {
        return new ChurnModelTrainer(DEFAULT_LAMBDA, DEFAULT_FOLDS);
    }

    /** @throws IllegalArgumentException when there are fewer churned or retained accounts than folds */
    public FittedChurnModel fit(List<ChurnExample> examples, Instant trainedAsOf) {
        int n = examples.size();
        AttributeEncoding encoding = encoding(examples);
        double[][] x = rows(examples, encoding);
        int[] y = new int[n];
        int churned = 0;
        for (int i = 0; i < n; i++) {
            y[i] = examples.get(i).churned() ? 1 : 0;
            churned += y[i];
        }
        if (churned < folds || n - churned < folds) {
            throw new IllegalArgumentException("need at least " + folds + " churned and " + folds
                    + " retained accounts to fit (have " + churned + " and " + (n - churned) + ")");
        }
        double cvAuc = crossValidatedAuc(x, y);
        double[] ruleScores = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            ruleScores[i] = examples.get(i).ruleRisk();
            labels[i] = y[i] == 1;
        }
        double[] w = LogisticRegression.fit(x, y, lambda);
        int rules = RiskFeatures.NAMES.size();
        List<Double> coefficients = new ArrayList<>();
        for (int i = 1; i <= rules; i++) coefficients.add(w[i]);
        List<AttributeFeature> attributes = new ArrayList<>();
        for (int j = 0; j < encoding.size(); j++) attributes.add(encoding.features().get(j).withCoefficient(w[1 + rules + j]));
        return new FittedChurnModel(RiskFeatures.NAMES, w[0], coefficients, lambda, folds, cvAuc,
                Auc.of(ruleScores, labels), n, churned, trainedAsOf.toString(), attributes);
    }

    private static AttributeEncoding encoding(List<ChurnExample> examples) {
        return AttributeEncoding.learn(examples.stream().map(ChurnExample::attributes).toList());
    }

    /** Each example's inputs: its rule severities (one per rule) then its encoded attributes. */
    private static double[][] rows(List<ChurnExample> examples, AttributeEncoding encoding) {
        int rules = RiskFeatures.NAMES.size();
        double[][] x = new double[examples.size()][];
        for (int i = 0; i < x.length; i++) {
            ChurnExample e = examples.get(i);
            x[i] = encoding.row(java.util.Arrays.copyOf(e.features(), rules), e.attributes());
        }
        return x;
    }

    /** Mean AUC over the held-out folds. */
    double crossValidatedAuc(double[][] x, int[] y) {
        int[] fold = stratifiedFolds(y);
        double[] p = heldOut(x, y, fold);
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < folds; k++) {
            List<Integer> held = new ArrayList<>();
            for (int i = 0; i < y.length; i++) if (fold[i] == k) held.add(i);
            double[] scores = new double[held.size()];
            boolean[] labels = new boolean[held.size()];
            for (int j = 0; j < held.size(); j++) {
                scores[j] = p[held.get(j)];
                labels[j] = y[held.get(j)] == 1;
            }
            double auc = Auc.of(scores, labels);
            if (!Double.isNaN(auc)) { sum += auc; counted++; }
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /**
     * Each example's churn probability from the model fitted on the other folds (the folds of
     * {@link #fit}): honest figures for ranking and calibration (Brier score) of the fitted model.
     */
    public double[] heldOutProbabilities(List<ChurnExample> examples) {
        double[][] x = rows(examples, encoding(examples));
        int[] y = new int[examples.size()];
        for (int i = 0; i < y.length; i++) y[i] = examples.get(i).churned() ? 1 : 0;
        return heldOut(x, y, stratifiedFolds(y));
    }

    private double[] heldOut(double[][] x, int[] y, int[] fold) {
        double[] p = new double[y.length];
        for (int k = 0; k < folds; k++) {
            List<double[]> trainX = new ArrayList<>();
            List<Integer> trainY = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (fold[i] != k) { trainX.add(x[i]); trainY.add(y[i]); }
            }
            double[] w = LogisticRegression.fit(trainX.toArray(new double[0][]),
                    trainY.stream().mapToInt(Integer::intValue).toArray(), lambda);
            for (int i = 0; i < y.length; i++) if (fold[i] == k) p[i] = LogisticRegression.predict(w, x[i]);
        }
        return p;
    }

    /** Churned and retained accounts each dealt round-robin over the folds after a seeded shuffle. */
    private int[] stratifiedFolds(int[] y) {
        Random random = new Random(SEED);
        int[] fold = new int[y.length];
        for (int label = 0; label <= 1; label++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < y.length; i++) if (y[i] == label) members.add(i);
            java.util.Collections.shuffle(members, random);
            for (int j = 0; j < members.size(); j++) fold[members.get(j)] = j % folds;
        }
        return fold;
    }
}
