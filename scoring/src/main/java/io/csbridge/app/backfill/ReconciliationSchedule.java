package io.csbridge.app.backfill;

import io.csbridge.backfill.Reconciliation;
import io.csbridge.backfill.VendorReader;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.backfill.ReadCursorStore;
import io.csbridge.runtime.ManagedThreads;
import io.csbridge.worker.BackgroundWorkers;
import io.csbridge.worker.PipelineWorker;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Continuous reconciliation (CONTRACT §2): every {@code salesforce.reconcile-minutes} /
 * {@code zendesk.reconcile-minutes} (default 15, 0 off; fractions allowed) a worker per vendor runs its
 * reader from the vendor's cursor, one node at a time ({@link Reconciliation}).
 */
@ApplicationScoped
public class ReconciliationSchedule {

    private static final Logger LOG = Logger.getLogger(ReconciliationSchedule.class.getName());

    @Inject
    Pipeline pipeline;
    @Inject
    @Any
    Instance<VendorReader> readers;
    @Inject
    Config config;

    private final String holder = "node-" + UUID.randomUUID();
    private final BackgroundWorkers workers = new BackgroundWorkers(ManagedThreads.factory());

    void onStartup(@Observes Startup event) {
        pipeline.whenStarted(this::startWorkers);
    }

    private synchronized void startWorkers() {
        for (VendorReader reader : readers) {
            double minutes = config.getOptionalValue(reader.source() + ".reconcile-minutes", Double.class).orElse(15.0);
            if (minutes <= 0) continue;
            Duration period = Duration.ofMillis(Math.round(minutes * 60_000));
            Reconciliation reconciliation = new Reconciliation(reader, new ReadCursorStore(pipeline.database()),
                    pipeline.inbox(), pipeline.clock(), period, holder);
            long nap = Math.max(1_000, Math.min(60_000, period.toMillis() / 4));
            PipelineWorker worker = new PipelineWorker(reconciliation.name(), reconciliation::runIfDue, nap, () -> null,
                    PipelineWorker.DEFAULT_STALE_AFTER);
            workers.start(worker, "csbridge-" + reconciliation.name().replace(':', '-'));
            LOG.info(() -> reconciliation.name() + " every " + period);
        }
    }

    /** Before the application's beans go (the readers among them), so no run outlives them. */
    void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    @PreDestroy
    void stop() {
        workers.stopAll(Duration.ofSeconds(10));
    }
}
