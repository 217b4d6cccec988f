package io.csbridge.app.jobs;

import io.csbridge.runtime.MeterRegistries;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.jobs.JobRecord;
import io.csbridge.store.jobs.JobStore;
import io.csbridge.store.jobs.JobTotal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.logging.Logger;

/**
 * The durable jobs in {@code /metrics} (CONTRACT §6 "backfill progress"): read from the {@code job} table, so
 * the cluster's figures, the same on every node (take one node's value, never the sum). Every kind, each of
 * its sources ({@code source=""} for rescores and the KPI job) and every state is registered at startup, at
 * 0 until a job has it:
 * <ul>
 *   <li>{@code csbridge_jobs{kind,source,state}}: how many jobs are in the state (running, finished, failed,
 *       cancelled, the words of {@code /admin/api/jobs});</li>
 *   <li>{@code csbridge_job_records_processed{kind,source,state}}: records those jobs handled (a backfill's
 *       vendor records, an import's lines, a rescore's accounts); a job's count moves to its end state when it ends;</li>
 *   <li>{@code csbridge_job_work_done{kind,source}} and {@code csbridge_job_work_planned{kind,source}}: the
 *       progress bars of the running jobs (planned 0 while unknown): done / planned is how far a backfill is (not
 *       {@code _total}: Prometheus keeps that suffix for counters and drops it from a gauge).</li>
 * </ul>
 * Read at most every 5 s, like {@code runtime/PrometheusMetrics}, with the registry's convenience methods.
 */
@ApplicationScoped
public class JobMetrics {

    private static final Logger LOG = Logger.getLogger(JobMetrics.class.getName());
    private static final Duration FRESH = Duration.ofSeconds(5);
    private static final String[] STATES = {JobRecord.RUNNING, JobRecord.DONE, JobRecord.FAILED, JobRecord.CANCELLED};

    @Inject
    MeterRegistries registries;
    @Inject
    Pipeline pipeline;
    @Inject
    @Any
    Instance<JobKind> kinds;

    private volatile Figures figures;

    private record Figures(Instant at, Map<String, JobTotal> totals) {
    }

    void onStartup(@Observes Startup event) {
        for (MeterRegistry registry : registries.all()) register(registry);
    }

    private void register(MeterRegistry registry) {
        for (JobKind kind : kinds) {
            for (String source : kind.sources()) {
                for (String state : STATES) {
                    Tags tags = Tags.of("kind", kind.kind(), "source", source, "state", label(state));
                    String key = key(kind.kind(), source, state);
                    gauge(registry, "csbridge.jobs", tags, key, JobTotal::jobs);
                    gauge(registry, "csbridge.job.records.processed", tags, key, JobTotal::processed);
                }
                Tags tags = Tags.of("kind", kind.kind(), "source", source);
                String running = key(kind.kind(), source, JobRecord.RUNNING);
                gauge(registry, "csbridge.job.work.done", tags, running, JobTotal::workDone);
                gauge(registry, "csbridge.job.work.planned", tags, running, JobTotal::workTotal);
            }
        }
        LOG.info("CS Bridge job metrics registered (csbridge_jobs, csbridge_job_*)");
    }

    /** The state as {@code /admin/api/jobs} names it. */
    static String label(String state) {
        return JobRecord.DONE.equals(state) ? "finished" : state.toLowerCase(Locale.ROOT);
    }

    private static String key(String kind, String source, String state) {
        return kind + "|" + source + "|" + state;
    }

    private void gauge(MeterRegistry registry, String name, Tags tags, String key, ToDoubleFunction<JobTotal> value) {
        registry.gauge(name, tags, this, m -> {
            Map<String, JobTotal> totals = m.totals();
            if (totals == null) return Double.NaN;
            JobTotal t = totals.get(key);
            return t == null ? 0 : value.applyAsDouble(t);
        });
    }

    /** The table's figures, read again when older than 5 s; null while the database cannot answer. */
    private synchronized Map<String, JobTotal> totals() {
        Instant now = pipeline.clock().instant();
        Figures f = figures;
        if (f != null && Duration.between(f.at(), now).compareTo(FRESH) < 0) return f.totals();
        try {
            Map<String, JobTotal> totals = new HashMap<>();
            List<JobTotal> rows = new JobStore(pipeline.database()).totals();
            for (JobTotal t : rows) totals.put(key(t.kind(), t.source(), t.state()), t);
            figures = new Figures(now, totals);
            return totals;
        } catch (RuntimeException e) {
            LOG.fine(() -> "metrics: job figures unavailable: " + e.getMessage());
            return f == null ? null : f.totals();
        }
    }
}
