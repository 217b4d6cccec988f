package io.csbridge.domain.risk;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.scoring.Backtest;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.domain.scoring.ScoringConfig;
import io.csbridge.domain.signal.Attributes;
import io.csbridge.domain.signal.CustomAttributes;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.processing.EventProcessor;
import io.csbridge.store.Database;
import io.csbridge.store.account.AccountCatalog;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.store.settings.ScoringConfigJson;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The fitted churn model over custom account attributes, on the IBM Telco churn snapshot (see
 * datasets/PROVENANCE.md). Each customer arrives as a {@code group} message's traits (every column but
 * the id and the label, as custom attributes: what {@code SegmentTranslator} makes of them) stamped
 * {@link #SNAPSHOT}; the churned ones get a second {@code group} message a day later with
 * {@code churned: true}. Everything goes through Inbox and EventProcessor, shuffled; the fit is the one
 * {@code POST /admin/api/model/fit} runs ({@link Backtest#fitChurnModel}, {@link ChurnModelTrainer#standard()}),
 * with the window scored an hour after the snapshot and churn observed up to two days after it.
 */
class TelcoFitEvaluationTest {

    static final String DATASET = "/datasets/Telco-Customer-Churn.csv";
    static final String SHA256 = "16320c9c1ec72448db59aa0a26a0b95401046bef5d02fd3aeb906448e3055e91";
    static final Instant SNAPSHOT = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant AS_OF = SNAPSHOT.plus(Duration.ofHours(1));
    static final Instant UNTIL = SNAPSHOT.plus(Duration.ofDays(2));

    /** One customer: its id, its attributes (blank values left out, as a sender would) and its label. */
    record Customer(String id, Map<String, String> attributes, boolean churned) {
    }

    static List<Customer> customers() throws Exception {
        byte[] bytes;
        try (InputStream in = TelcoFitEvaluationTest.class.getResourceAsStream(DATASET)) {
            assertThat(in).as(DATASET).isNotNull();
            bytes = in.readAllBytes();
        }
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).as("dataset checksum")
                .isEqualTo(SHA256);
        String[] lines = new String(bytes, StandardCharsets.US_ASCII).split("\r?\n");
        String[] header = lines[0].split(",");
        List<Customer> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) continue;
            String[] f = lines[i].split(",", -1);
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int c = 1; c < header.length - 1; c++) if (!f[c].isBlank()) attributes.put(header[c], f[c].trim());
            out.add(new Customer(f[0], attributes, f[header.length - 1].equals("Yes")));
        }
        return out;
    }

    static Database replay(List<Customer> customers, ModelScorer scorer) throws Exception {
        Database db = TestDatabase.fresh();
        Clock clock = Clock.fixed(UNTIL, ZoneOffset.UTC);
        List<InboxEntry> entries = new ArrayList<>();
        for (Customer c : customers) {
            Map<String, String> traits = new LinkedHashMap<>();
            c.attributes().forEach((k, v) -> traits.put(CustomAttributes.key(k), v));
            entries.add(new InboxEntry("usage", "telco-" + c.id(), SNAPSHOT, "{}", List.of(new Signal(AccountKey.product(c.id()),
                    SignalKind.ACCOUNT_TRAITS, SNAPSHOT, "group", "", Double.NaN, traits))));
            if (c.churned()) {
                Instant at = SNAPSHOT.plus(Duration.ofDays(1));
                entries.add(new InboxEntry("usage", "telco-churn-" + c.id(), at, "{}", List.of(new Signal(AccountKey.product(c.id()),
                        SignalKind.ACCOUNT_TRAITS, at, "group", "", Double.NaN, Map.of(Attributes.CHURNED, "true")))));
            }
        }
        Collections.shuffle(entries, new Random(2026));
        try (Inbox inbox = new Inbox(new InboxStore(db), clock, Thread::new, () -> { })) {
            for (int i = 0; i < entries.size(); i += 250) inbox.accept(entries.subList(i, Math.min(entries.size(), i + 250)));
        }
        EventProcessor processor = new EventProcessor(db, () -> scorer, List::of, clock, 500);
        while (processor.processBatch() > 0) { }
        return db;
    }

    @Test
    void telcoAttributesFitToACrossValidatedAucOfAtLeast084ThroughTheFitPath() throws Exception {
        List<Customer> customers = customers();
        assertThat(customers).hasSize(7_043);
        ScoringConfig config = ScoringConfig.defaults();
        Database db = replay(customers, new ModelScorer(config));
        List<AccountHistory> histories = new AccountCatalog(db).histories(UNTIL);

        FittedChurnModel fitted = Backtest.fitChurnModel(histories, config, AS_OF, UNTIL, ChurnModelTrainer.standard());
        List<ChurnExample> examples = Backtest.examples(histories, config, AS_OF, UNTIL);
        double[] heldOut = ChurnModelTrainer.standard().heldOutProbabilities(examples);
        boolean[] labels = new boolean[examples.size()];
        for (int i = 0; i < labels.length; i++) labels[i] = examples.get(i).churned();
        System.out.printf(Locale.ROOT, "Telco: %d accounts, %d churned; fitted model cross-validated AUC %.4f (pooled held-out %.4f,"
                        + " precision@top10%% %.3f, Brier %.4f); rules %.4f; %d attribute inputs%n", fitted.accounts(), fitted.churned(),
                fitted.crossValidatedAuc(), Auc.of(heldOut, labels), Auc.precisionAtTop(heldOut, labels, 0.1),
                Auc.brier(heldOut, labels), fitted.ruleAuc(), fitted.attributes().size());

        assertThat(fitted.accounts()).isEqualTo(7_043);
        assertThat(fitted.churned()).isEqualTo(1_869);
        assertThat(fitted.crossValidatedAuc()).isGreaterThanOrEqualTo(0.84);
        assertThat(fitted.attributes()).extracting(AttributeFeature::attribute).contains("Contract", "tenure", "MonthlyCharges");

        // Saved in the model config and read back, scoring reproduces the fit from the account's own attributes.
        ScoringConfig withFit = ScoringConfigJson.read(ScoringConfigJson.write(config.withChurnRisk(config.churnRisk().withFitted(fitted))));
        assertThat(withFit.churnRisk().fitted()).isEqualTo(fitted);
        ModelScorer scorer = new ModelScorer(withFit);
        for (int i = 0; i < 20; i++) {
            AccountHistory history = histories.get(i);
            var e = scorer.evaluate(history, AS_OF);
            assertThat(e.risk().risk()).isCloseTo(100 * fitted.probability(e.risk().features(), e.facts().customAttributes()),
                    within(1e-9));
        }
    }
}
