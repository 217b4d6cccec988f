package io.csbridge.runtime;

import io.csbridge.alerts.AccountAlerts;
import io.csbridge.alerts.AlertSettings;
import io.csbridge.domain.scoring.AccountScorer;
import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.PipelineUnavailableException;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.outbox.Linger;
import io.csbridge.outbox.OutboxDelivery;
import io.csbridge.outbox.OutboxWorkers;
import io.csbridge.processing.DailyRescore;
import io.csbridge.processing.EventProcessor;
import io.csbridge.processing.EventsInFlight;
import io.csbridge.store.alerts.AlertRulesStore;
import io.csbridge.store.Database;
import io.csbridge.store.Dialect;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.store.pipeline.OutboxPendingWrites;
import io.csbridge.store.SchemaMigration;
import io.csbridge.worker.PipelineWorker;
import io.csbridge.worker.WorkerHealth;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Logger;

/**
 * Starts and stops the pipeline inside the server: opens the one datasource the server binds
 * ({@link #DATASOURCE}: H2 or PostgreSQL, as configure.cli or the operator defined it), migrates the schema, and runs the
 * inbox writer, the event processor and the outbox delivery (one worker per channel) on managed threads.
 */
@ApplicationScoped
public class Pipeline {

    /** The application's datasource, whatever the database behind it. */
    static final String DATASOURCE = "java:jboss/datasources/CsBridgeDS";
    private static final Logger LOG = Logger.getLogger(Pipeline.class.getName());

    @Inject
    Clock clock;
    @Inject
    @Any
    Instance<DeliveryChannel> channels;
    @Inject
    Instance<AccountScorer> scorers;

    private Database database;
    private Inbox inbox;
    private EventProcessor processor;
    private OutboxDelivery delivery;
    private PipelineWorker processing;
    private OutboxWorkers delivering;
    private PipelineWorker digesting;
    private PipelineWorker rescoring;
    private volatile boolean ready;

    private final List<Runnable> onStarted = new ArrayList<>();
    private Thread retrier;

    void onStartup(@Observes Startup event) {
        try {
            start();
        } catch (RuntimeException e) {
            // The database may come up after the server: keep trying; readiness stays DOWN meanwhile.
            LOG.warning("CS Bridge cannot start its pipeline yet, retrying every 5 s: " + e.getMessage());
            retrier = ManagedThreads.factory().newThread(this::retryStart);
            retrier.setName("csbridge-pipeline-start");
            retrier.setDaemon(true);
            retrier.start();
        }
    }

    private void retryStart() {
        while (database == null && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(5_000);
                start();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.fine(() -> "pipeline start failed again: " + e.getMessage());
            } catch (Error e) {
                // Keep trying: readiness stays DOWN and says why in the log.
                LOG.log(java.util.logging.Level.SEVERE, "pipeline start failed", e);
            }
        }
    }

    /** Runs {@code action} once the pipeline has started (now, if it has). */
    public synchronized void whenStarted(Runnable action) {
        if (database != null) action.run(); else onStarted.add(action);
    }

    /**
     * Starts the pipeline if it has not started yet.
     *
     * @throws PipelineUnavailableException when the database cannot be reached or migrated
     */
    public synchronized void start() {
        if (database != null) return;
        try {
            startNow();
        } catch (RuntimeException e) {
            throw new PipelineUnavailableException("the database is not available: " + e.getMessage(), e);
        }
        for (Runnable action : onStarted) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warning("start-up action failed: " + e);
            }
        }
        onStarted.clear();
    }

    private void startNow() {
        Database db = Database.lookup(DATASOURCE, PipelineSettings.timeouts(ConfigProvider.getConfig()));
        LOG.info(() -> "database: " + db.dialect() + " (" + DATASOURCE + ")");
        boolean dbUrlSet = ConfigProvider.getConfig().getOptionalValue("DB_URL", String.class)
                .filter(s -> !s.isBlank()).isPresent();
        if (dbUrlSet && db.dialect() == Dialect.H2) {
            LOG.warning("DB_URL is set but " + DATASOURCE + " is the embedded H2 database: run configure.cli "
                    + "again with DB_URL set (see the README), or point the datasource at your database");
        }
        SchemaMigration.migrate(db);
        ThreadFactory threads = ManagedThreads.factory();
        var config = ConfigProvider.getConfig();
        AccountAlerts alerts = new AccountAlerts(db.dialect(), new AlertRulesStore(),
                AlertSettings.from(name -> config.getOptionalValue(name, String.class).filter(v -> !v.isBlank())));
        int processorBatch = 200;
        PipelineSettings settings = PipelineSettings.from(config);
        processor = new EventProcessor(db, this::scorer, this::channelList, clock, processorBatch, alerts,
                settings.eventRetries());
        delivery = new OutboxDelivery(new OutboxPendingWrites(db), this::channelList, settings.outboxRetries(), clock, 200,
                OutboxDelivery.LEASE, threads);
        // Writes linger for a fuller batch while this node's processor still has events to score.
        EventsInFlight inFlight = new EventsInFlight(processorBatch);
        processing = new PipelineWorker("event processor", () -> {
            long mark = inFlight.starting();
            int n;
            try {
                n = processor.processBatch() + processor.rescoreDue(); // and future-stamped events come due
            } catch (RuntimeException | Error e) {
                inFlight.failed();
                throw e;
            }
            if (n > 0) io.csbridge.metrics.NodeCounts.INSTANCE.applied.add("all", n);
            boolean caughtUp = inFlight.processed(n, mark);
            if (n > 0 || caughtUp) delivering.nudge();
            return n;
        }, 500, () -> null, settings.workerStaleAfter());
        delivering = new OutboxWorkers(delivery, channelList(),
                channel -> Linger.forChannel(channel, key -> config.getOptionalValue(key, String.class)),
                inFlight, clock, 1_000);
        // Once a minute: has a day ended (at the digest hour)? Then its deferred alerts go out as digests.
        digesting = new PipelineWorker("alert digest", () -> {
            int n = db.transaction(tx -> alerts.queueDigests(tx, clock.instant()));
            if (n > 0) delivering.nudge();
            return n;
        }, 60_000, () -> null, settings.workerStaleAfter());
        // Once a minute: has today's rescore (time-windowed measures age without events) been done?
        // A rescore of every account is one long step: each chunk of accounts counts as a sign of life.
        DailyRescore daily = new DailyRescore(db, processor, clock, () -> {
            if (rescoring != null) rescoring.beat();
            return !ready;
        }, NodeName.of(config), settings.dailyRescoreLease());
        rescoring = new PipelineWorker("daily rescore", () -> {
            int n = daily.runIfDue();
            if (n > 0) delivering.nudge();
            return n;
        }, settings.dailyRescoreCheck().toMillis(), () -> null, settings.workerStaleAfter());
        inbox = new Inbox(new InboxStore(db), clock, threads, () -> {
            inFlight.accepted();
            processing.nudge();
        }, settings.inboxQueueEntries());
        start(threads, processing, "csbridge-event-processor");
        delivering.start(threads);
        start(threads, digesting, "csbridge-alert-digest");
        database = db;
        ready = true;
        start(threads, rescoring, "csbridge-daily-rescore");
        LOG.info("CS Bridge pipeline started");
    }

    private static void start(ThreadFactory threads, Runnable worker, String name) {
        Thread t = threads.newThread(worker);
        t.setName(name);
        t.setDaemon(true);
        t.start();
    }

    @PreDestroy
    synchronized void stop() {
        ready = false;
        if (retrier != null) retrier.interrupt();
        if (processing != null) processing.stop();
        if (delivering != null) delivering.stop();
        if (digesting != null) digesting.stop();
        if (rescoring != null) rescoring.stop();
        if (inbox != null) inbox.close();
        join(processing);
        if (delivering != null) delivering.join(10_000);
        join(digesting);
        join(rescoring);
        LOG.info("CS Bridge pipeline stopped");
    }

    private static void join(PipelineWorker worker) {
        if (worker == null || worker.thread() == null) return;
        try {
            worker.thread().join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean ready() {
        return ready;
    }

    /** New events are due (an event put back by hand): the processor looks now. */
    public void nudgeProcessor() {
        if (processing != null) processing.nudge();
    }

    /** Each pipeline thread: the inbox writer, the processor, the delivery workers, the digest and the daily rescore. */
    public List<WorkerHealth> workers() {
        if (!ready) return List.of();
        List<WorkerHealth> out = new ArrayList<>();
        out.add(inbox.health());
        out.add(processing.health());
        out.addAll(delivering.health());
        out.add(digesting.health());
        out.add(rescoring.health());
        return out;
    }

    public Inbox inbox() {
        start();
        return inbox;
    }

    public Database database() {
        start();
        return database;
    }

    public EventProcessor processor() {
        start();
        return processor;
    }

    public Clock clock() {
        return clock;
    }

    public List<DeliveryChannel> channelList() {
        List<DeliveryChannel> out = new ArrayList<>();
        for (DeliveryChannel c : channels) out.add(c);
        return out;
    }

    /** The scorer for one batch: a model saved on any node since the last batch is in force from this one. */
    private AccountScorer scorer() {
        AccountScorer scorer = scorers.get();
        if (scorer instanceof LiveScorer live) live.refreshIfSaved();
        return scorer;
    }
}
