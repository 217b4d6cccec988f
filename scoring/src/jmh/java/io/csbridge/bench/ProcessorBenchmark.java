package io.csbridge.bench;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountKeys;
import io.csbridge.store.alerts.AlertRulesStore;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.alerts.AccountAlerts;
import io.csbridge.alerts.AlertSettings;
import io.csbridge.store.Database;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.processing.EventProcessor;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.store.SchemaMigration;
import io.csbridge.outbox.VendorCall;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The event processor on the embedded database the server runs by default (an H2 file with
 * {@code WRITE_DELAY=0}, pooled connections): one measurement drains a backlog of {@value #BACKLOG} new
 * product events spread over the accounts, which already have {@code history} signals each, in the
 * server's batches of 200 (unless {@code batch} says otherwise), with the default model, alerts and one write channel. Each measurement
 * leaves its events in the accounts' histories, so they grow by {@code BACKLOG / accounts} per
 * measurement. Events per second = {@value #BACKLOG} / the time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class ProcessorBenchmark {

    static final int BACKLOG = 10_000;

    @Param({"1000"})
    int accounts;

    @Param({"50", "500"})
    int history;

    /** Events per processor transaction; the server's is 200 ({@code Pipeline}). */
    @Param({"200"})
    int batch;

    /** H2 URL settings beside WRITE_DELAY=0; the server's datasource sets QUERY_CACHE_SIZE=256. */
    @Param({"QUERY_CACHE_SIZE=256"})
    String h2Settings;

    Path dir;
    JdbcConnectionPool pool;
    Database db;
    InboxStore inbox;
    EventProcessor processor;
    Clock clock;
    int round;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("processor-bench");
        pool = JdbcConnectionPool.create("jdbc:h2:file:" + dir.resolve("bench") + ";WRITE_DELAY=0;" + h2Settings, "sa", "");
        pool.setMaxConnections(4);
        SchemaMigration.migrate(pool);
        db = new Database(pool);
        inbox = new InboxStore(db);
        clock = Clock.fixed(SyntheticBook.NOW, ZoneOffset.UTC);
        AccountAlerts alerts = new AccountAlerts(db.dialect(), new AlertRulesStore(), AlertSettings.defaults());
        processor = new EventProcessor(db, ModelScorer::withDefaults, () -> List.of(new SandboxChannel()), clock, batch, alerts);
        // The accounts' histories, one inbox row per account carrying all of its signals.
        List<InboxEntry> histories = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            List<Signal> signals = new ArrayList<>(SyntheticBook.signals(i, history, 1));
            Signal traits = signals.get(0);
            Map<String, String> withKeys = new java.util.HashMap<>(traits.attributes());
            withKeys.put("salesforceAccountId", "001BENCH" + i);
            signals.set(0, traits.withAttributes(withKeys));
            histories.add(new InboxEntry("usage", "history-" + i, traits.occurredAt(), "{}", signals));
        }
        accept(histories);
        while (processor.processBatch() > 0) { }
    }

    @Setup(Level.Iteration)
    public void newBacklog() {
        round++;
        List<InboxEntry> events = new ArrayList<>(BACKLOG);
        long now = SyntheticBook.NOW.getEpochSecond();
        for (int e = 0; e < BACKLOG; e++) {
            int account = e % accounts;
            Instant at = Instant.ofEpochSecond(now - 20L * 86_400 + (long) e * 60 + round);
            Signal s = new Signal(AccountKey.product("acct-" + account), SignalKind.PRODUCT_EVENT, at, "Report Viewed",
                    "u" + (e % 7), Double.NaN, Map.of("plan", "pro"));
            events.add(new InboxEntry("usage", "r" + round + "-" + e, at, "{}", List.of(s)));
        }
        accept(events);
    }

    @Benchmark
    public int drainBacklog() {
        int done = 0;
        for (int n; (n = processor.processBatch()) > 0; ) done += n;
        if (done != BACKLOG) throw new IllegalStateException("processed " + done + " of " + BACKLOG);
        return done;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        pool.dispose();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void accept(List<InboxEntry> entries) {
        db.inTransaction(c -> inbox.insert(c, entries, clock.instant()));
    }

    /** A write channel for every account with a Salesforce key; nothing is delivered in this benchmark. */
    static final class SandboxChannel implements DeliveryChannel {
        public String name() { return "salesforce"; }
        public boolean live() { return false; }
        public Optional<String> target(AccountKeys keys) {
            return keys.keys().stream().filter(k -> k.kind() == AccountKey.KeyKind.SALESFORCE).map(AccountKey::value).findFirst();
        }
        public Map<String, Object> fields(AccountScore score) {
            return Map.of("CS_Health_Score__c", score.healthScore(), "CS_Health_Band__c", score.band().label(),
                    "CS_Churn_Risk__c", score.churnRisk());
        }
        public int maxBatch() { return 200; }
        public List<VendorCall> preview(List<OutboundWrite> writes) { return List.of(); }
        public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) { return List.of(); }
    }
}
