package io.csbridge.domain.scoring;

import io.csbridge.domain.risk.Auc;
import io.csbridge.domain.risk.ChurnEvents;
import io.csbridge.domain.risk.ChurnExample;
import io.csbridge.domain.risk.ChurnModelTrainer;
import io.csbridge.domain.risk.FittedChurnModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How well a configuration would have seen churn coming: every account live at {@code asOf} is scored
 * from the events stamped up to then, and labelled by whether it churned afterwards, up to
 * {@code until} (churned trait, or a lost renewal). Reports ranking quality (AUC) and precision among
 * the riskiest 10%, for churn risk and for (low) health, beside the naive "days since last activity".
 */
public final class Backtest {

    public static final double TOP_SHARE = 0.10;

    /**
     * @param recencyAuc AUC of days since last activity, the baseline any risk score must beat
     */
    public record Report(String version, Instant asOf, Instant until, int accounts, int churned,
                         double riskAuc, double riskPrecisionAtTop10, double healthAuc, double recencyAuc,
                         double baseRate) {
    }

    private Backtest() {
    }

    public static Report run(List<AccountHistory> accounts, ScoringConfig config, Instant asOf, Instant until) {
        ModelScorer scorer = new ModelScorer(config);
        List<AccountEvaluation> evaluations = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        collect(accounts, scorer, asOf, until, evaluations, labels);
        int n = evaluations.size();
        double[] risk = new double[n];
        double[] lowHealth = new double[n];
        double[] recency = new double[n];
        boolean[] churned = new boolean[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            AccountEvaluation e = evaluations.get(i);
            risk[i] = e.risk().risk();
            lowHealth[i] = -e.health().score();
            double days = e.facts().daysSinceLastActivity();
            recency[i] = Double.isNaN(days) ? 0 : days;
            churned[i] = labels.get(i);
            if (churned[i]) positives++;
        }
        return new Report(config.version(), asOf, until, n, positives, Auc.of(risk, churned),
                Auc.precisionAtTop(risk, churned, TOP_SHARE), Auc.of(lowHealth, churned), Auc.of(recency, churned),
                n == 0 ? Double.NaN : (double) positives / n);
    }

    /** The accounts live at {@code asOf} as training examples: rule severities and custom attributes then, churn afterwards. */
    public static List<ChurnExample> examples(List<AccountHistory> accounts, ScoringConfig config, Instant asOf, Instant until) {
        ModelScorer scorer = new ModelScorer(config);
        List<AccountEvaluation> evaluations = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        collect(accounts, scorer, asOf, until, evaluations, labels);
        List<ChurnExample> out = new ArrayList<>(evaluations.size());
        for (int i = 0; i < evaluations.size(); i++) {
            AccountEvaluation e = evaluations.get(i);
            out.add(new ChurnExample(e.accountId(), e.risk().features(), e.risk().rulePoints(), labels.get(i),
                    e.facts().customAttributes()));
        }
        return out;
    }

    /** Fits the churn model on the accounts' history as of {@code asOf}; put it in the config with {@code withFitted}. */
    public static FittedChurnModel fitChurnModel(List<AccountHistory> accounts, ScoringConfig config, Instant asOf,
                                                 Instant until, ChurnModelTrainer trainer) {
        return trainer.fit(examples(accounts, config, asOf, until), asOf);
    }

    private static void collect(List<AccountHistory> accounts, ModelScorer scorer, Instant asOf, Instant until,
                                List<AccountEvaluation> evaluations, List<Boolean> labels) {
        for (AccountHistory history : accounts) {
            if (history.upTo(asOf).isEmpty()) continue;
            if (ChurnEvents.churnedAt(history.signals(), asOf)) continue;
            evaluations.add(scorer.evaluate(history, asOf));
            labels.add(ChurnEvents.firstChurnBetween(history.signals(), asOf, until) != null);
        }
    }
}
