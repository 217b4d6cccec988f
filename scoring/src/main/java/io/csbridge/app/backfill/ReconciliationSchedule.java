package io.csbridge.app.backfill;

import io.csbridge.backfill.Reconciliation;
import io.csbridge.backfill.VendorReader;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.backfill.ReadCursorStore;
import io.csbridge.worker.PipelineWorker;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private static final String THREAD_FACTORY = "java:jboss/ee/concurrency/factory/default";

    @Inject
    Pipeline pipeline;
    @Inject
    @Any
    Instance<VendorReader> readers;
    @Inject
    Config config;

    private final String holder = "node-" + UUID.randomUUID();
    private final List<PipelineWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    void onStartup(@Observes Startup event) {
        pipeline.whenStarted(this::startWorkers);
    }

    private synchronized void startWorkers() {
        ManagedThreadFactory threads = threadFactory();
        for (VendorReader reader : readers) {
            double minutes = config.getOptionalValue(reader.source() + ".reconcile-minutes", Double.class).orElse(15.0);
            if (minutes <= 0) continue;
            Duration period = Duration.ofMillis(Math.round(minutes * 60_000));
            Reconciliation reconciliation = new Reconciliation(reader, new ReadCursorStore(pipeline.database()),
                    pipeline.inbox(), pipeline.clock(), period, holder);
            long nap = Math.max(1_000, Math.min(60_000, period.toMillis() / 4));
            PipelineWorker worker = new PipelineWorker(reconciliation.name(), reconciliation::runIfDue, nap, () -> null,
                    PipelineWorker.DEFAULT_STALE_AFTER);
            Thread t = threads.newThread(worker);
            t.setName("csbridge-" + reconciliation.name().replace(':', '-'));
            t.setDaemon(true);
            t.start();
            workers.add(worker);
            this.threads.add(t);
            LOG.info(() -> reconciliation.name() + " every " + period);
        }
    }

    /** Before the application's beans go (the readers among them), so no run outlives them. */
    void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        workers.forEach(PipelineWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
        threads.clear();
    }

    private static ManagedThreadFactory threadFactory() {
        try {
            return (ManagedThreadFactory) new InitialContext().lookup(THREAD_FACTORY);
        } catch (NamingException e) {
            throw new IllegalStateException("not bound in JNDI: " + THREAD_FACTORY, e);
        }
    }
}
