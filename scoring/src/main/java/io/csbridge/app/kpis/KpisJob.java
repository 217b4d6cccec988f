package io.csbridge.app.kpis;

import io.csbridge.app.jobs.JobKind;
import io.csbridge.app.jobs.JobRun;
import io.csbridge.store.jobs.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code kpis} job: a large portfolio's KPIs at the given moments, in one pass, stored as snapshots
 * ({@link PortfolioKpis}). A durable job like the others (progress at {@code /admin/api/jobs}, visible on
 * every node); one pass is one step, so a job resumed after a restart starts its pass again.
 */
@ApplicationScoped
public class KpisJob implements JobKind {

    static final String KIND = "kpis";
    static final String POINTS = "points";
    static final String VERSION = "version";

    @Inject
    PortfolioKpis kpis;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(JobRun run) {
        List<Instant> points = Arrays.stream(run.params().get(POINTS).split(",")).map(Instant::parse).toList();
        long total = kpis.portfolioSize();
        long[] lastReported = {0};
        kpis.computeAndStore(points, run.params().get(VERSION), visited -> {
            if (visited - lastReported[0] >= 1_000) {
                lastReported[0] = visited;
                run.checkpoint(new Checkpoint(null, visited, visited, total, Map.of()));
            }
        }, run::shouldStop);
        if (!run.shouldStop()) run.checkpoint(new Checkpoint(null, total, total, total, Map.of()));
    }
}
