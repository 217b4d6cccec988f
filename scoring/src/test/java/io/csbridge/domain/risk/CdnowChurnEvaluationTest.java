package io.csbridge.domain.risk;

import io.csbridge.store.account.AccountDirectory;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.scoring.AccountEvaluation;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.store.Database;
import io.csbridge.processing.EventProcessor;
import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.store.account.SignalStore;
import io.csbridge.testing.TestDatabase;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Churn-risk ranking on a real, time-stamped activity log (CDNOW, see datasets/PROVENANCE.md), replayed
 * through the real ingestion path in shuffled order. Each purchase is a product event of the customer's
 * account; the label is "no purchase in the 39-week holdout" (1997-10-01..1998-06-30); every account is
 * scored as of 1997-09-30 from events stamped up to then. The published naive baseline is days since
 * the last activity: a risk score that ranks worse than it is not done.
 */
class CdnowChurnEvaluationTest {

    static final String DATASET = "/datasets/CDNOW_sample.txt";
    static final String SHA256 = "6fae10155c0b0ba363c2c386e30f77990d22328220efd862a5edd1443420d94a";
    static final Instant CUT_OFF = Instant.parse("1997-09-30T23:59:59Z");
    static final Instant HOLDOUT_END = Instant.parse("1998-06-30T23:59:59Z");

    record Purchase(String customer, Instant at, double dollars, int line) {
    }

    static List<Purchase> purchases() throws Exception {
        byte[] bytes;
        try (InputStream in = CdnowChurnEvaluationTest.class.getResourceAsStream(DATASET)) {
            assertThat(in).as(DATASET).isNotNull();
            bytes = in.readAllBytes();
        }
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(sha).as("dataset checksum").isEqualTo(SHA256);
        List<Purchase> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.US_ASCII))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 5) continue;
                LocalDate day = LocalDate.parse(f[2], java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
                out.add(new Purchase("cdnow-" + f[1], day.atTime(12, 0).toInstant(ZoneOffset.UTC), Double.parseDouble(f[4]), n++));
            }
        }
        return out;
    }

    @Test
    void churnRiskRanksCdnowLapsersAtLeastAsWellAsDaysSinceLastPurchase() throws Exception {
        List<Purchase> purchases = purchases();
        assertThat(purchases).hasSize(6_919);

        // Replay every purchase (holdout included: as-of scoring must ignore it) in shuffled order.
        Database db = TestDatabase.fresh();
        Clock clock = Clock.fixed(HOLDOUT_END, ZoneOffset.UTC);
        ModelScorer scorer = ModelScorer.withDefaults();
        List<InboxEntry> entries = new ArrayList<>();
        for (Purchase p : purchases) {
            Signal s = new Signal(AccountKey.product(p.customer()), SignalKind.PRODUCT_EVENT, p.at(), "Order Completed",
                    p.customer(), p.dollars(), Map.of());
            entries.add(new InboxEntry("usage", "cdnow-" + p.line(), p.at(), "{}", List.of(s)));
        }
        Collections.shuffle(entries, new Random(1997));
        try (Inbox inbox = new Inbox(new InboxStore(db), clock, Thread::new, () -> { })) {
            for (int i = 0; i < entries.size(); i += 250) inbox.accept(entries.subList(i, Math.min(entries.size(), i + 250)));
        }
        EventProcessor processor = new EventProcessor(db, () -> scorer, List::of, clock, 500);
        while (processor.processBatch() > 0) { }

        // Labels from the raw log: a purchase in the holdout window means the customer stayed.
        Map<String, Boolean> boughtInHoldout = new HashMap<>();
        for (Purchase p : purchases) {
            boughtInHoldout.merge(p.customer(), p.at().isAfter(CUT_OFF) && !p.at().isAfter(HOLDOUT_END), Boolean::logicalOr);
        }

        AccountDirectory directory = new AccountDirectory(db);
        SignalStore signals = new SignalStore(db.dialect());
        List<ChurnExample> examples = new ArrayList<>();
        List<double[]> rows = db.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM account ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
            List<double[]> out = new ArrayList<>();
            for (String id : ids) {
                AccountHistory history = new AccountHistory(directory.profile(c, id).orElseThrow(), signals.forAccount(c, id, CUT_OFF));
                AccountScore score = scorer.score(history, CUT_OFF);
                AccountEvaluation e = scorer.evaluate(history, CUT_OFF);
                boolean lapsed = !boughtInHoldout.get(id);
                out.add(new double[]{score.churnRisk(), e.facts().daysSinceLastActivity(), lapsed ? 1 : 0, e.risk().risk()});
                examples.add(new ChurnExample(id, e.risk().features(), e.risk().rulePoints(), lapsed));
            }
            return out;
        });
        assertThat(rows).hasSize(2_357);

        int n = rows.size();
        double[] risk = new double[n], recency = new double[n], exactRisk = new double[n];
        boolean[] lapsed = new boolean[n];
        int lapsers = 0;
        for (int i = 0; i < n; i++) {
            risk[i] = rows.get(i)[0];
            recency[i] = rows.get(i)[1];
            lapsed[i] = rows.get(i)[2] == 1;
            exactRisk[i] = rows.get(i)[3];
            if (lapsed[i]) lapsers++;
        }
        double riskAuc = Auc.of(risk, lapsed);
        double recencyAuc = Auc.of(recency, lapsed);
        System.out.printf(Locale.ROOT, "CDNOW sample: %d customers, %d lapsed in the holdout (%.1f%%)%n", n, lapsers, 100.0 * lapsers / n);
        System.out.printf(Locale.ROOT, "churn risk (0-100 as stored)  AUC %.4f  precision@top10%% %.3f%n", riskAuc, Auc.precisionAtTop(risk, lapsed, 0.1));
        System.out.printf(Locale.ROOT, "churn risk (unrounded)        AUC %.4f%n", Auc.of(exactRisk, lapsed));
        System.out.printf(Locale.ROOT, "days since last purchase      AUC %.4f  precision@top10%% %.3f%n", recencyAuc, Auc.precisionAtTop(recency, lapsed, 0.1));
        FittedChurnModel fitted = ChurnModelTrainer.standard().fit(examples, CUT_OFF);
        System.out.printf(Locale.ROOT, "fitted logistic regression    5-fold cross-validated AUC %.4f (rules on the same accounts %.4f)%n",
                fitted.crossValidatedAuc(), fitted.ruleAuc());
        assertThat(riskAuc).as("churn-risk AUC against the recency baseline").isGreaterThanOrEqualTo(recencyAuc);
    }
}
