package io.csbridge.app.kpis;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.csbridge.app.jobs.Jobs;
import io.csbridge.domain.kpi.KpiReport;
import io.csbridge.domain.kpi.KpiTally;
import io.csbridge.domain.kpi.Kpis;
import io.csbridge.json.Json;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.account.PortfolioReader;
import io.csbridge.store.kpi.KpiSnapshots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The portfolio KPIs under the model in force, as of any moment, and their trend.
 *
 * <p>A portfolio of up to {@code admin.kpi-inline-accounts} accounts (default 2,000) is computed on
 * request, read a chunk of accounts at a time. A larger one is read from stored snapshots
 * ({@code kpi_snapshot}): a background job ({@link Jobs}, kind {@code kpis}, with progress) computes
 * "now" and the default weekly trend before it in one pass over the accounts; a snapshot older than
 * {@code admin.kpi-max-age-minutes} (default 60) is still answered while a fresh one is computed. A
 * moment with no snapshot yet is answered {@link Pending} (the API's 503 with Retry-After) while its job runs.
 */
@ApplicationScoped
public class PortfolioKpis {

    /** The KPIs asked for are being computed in the background; ask again shortly. */
    public static final class Pending extends RuntimeException {
        private final long jobId;

        Pending(long jobId) {
            super("the KPIs of this portfolio are being computed in the background (job " + jobId
                    + ", progress at /admin/api/jobs/" + jobId + "); ask again shortly", null, false, false);
            this.jobId = jobId;
        }

        public long jobId() {
            return jobId;
        }
    }

    static final Duration WEEK = Duration.ofDays(7);
    static final int DEFAULT_TREND_POINTS = 12;

    @Inject
    Pipeline pipeline;

    @Inject
    LiveScorer scorer;

    @Inject
    Jobs jobs;

    /** Now, by the one clock. */
    public Instant now() {
        return pipeline.clock().instant();
    }

    /** Where a trend without {@code to} ends: now, or for a large portfolio the moment of the latest snapshot. */
    public Instant trendEnd() {
        if (small()) return now();
        return snapshots().latest(version(), now()).map(KpiSnapshots.Snapshot::asOf).orElseGet(this::now);
    }

    /** @param asOf null for now */
    public KpiReport at(Instant asOf) {
        if (small()) return compute(List.of(asOf == null ? now() : asOf)).get(0);
        Optional<KpiSnapshots.Snapshot> stored = asOf == null ? snapshots().latest(version(), now()) : snapshots().at(asOf, version());
        if (stored.isEmpty()) throw new Pending(refresh(asOf == null ? defaultPoints(now()) : List.of(asOf)));
        if (stale(stored.get())) refresh(asOf == null ? defaultPoints(now()) : List.of(asOf));
        return read(stored.get().body());
    }

    /** The KPIs at each step from {@code start} to {@code end} (both included when the steps land on it). */
    public List<KpiReport> trend(Instant start, Instant end, Duration step) {
        List<Instant> points = new ArrayList<>();
        for (Instant at = start; !at.isAfter(end); at = at.plus(step)) points.add(at);
        if (small()) return compute(points);
        String version = version();
        List<KpiReport> out = new ArrayList<>();
        List<Instant> missing = new ArrayList<>();
        boolean stale = false;
        for (Instant at : points) {
            Optional<KpiSnapshots.Snapshot> s = snapshots().at(at, version);
            if (s.isEmpty()) missing.add(at);
            else {
                stale |= stale(s.get());
                out.add(read(s.get().body()));
            }
        }
        if (!missing.isEmpty()) throw new Pending(refresh(missing));
        if (stale) { // the points asked for and the default trend's, in one pass
            java.util.TreeSet<Instant> again = new java.util.TreeSet<>(points);
            again.addAll(defaultPoints(now()));
            refresh(new ArrayList<>(again));
        }
        return out;
    }

    /** Computes the KPIs of each moment in one pass over the portfolio. */
    List<KpiReport> compute(List<Instant> points) {
        Kpis kpis = new Kpis(scorer.model().config());
        List<KpiTally> tallies = points.stream().map(kpis::tally).toList();
        Instant last = points.stream().max(Instant::compareTo).orElseThrow();
        new PortfolioReader(pipeline.database()).forEach(last, h -> tallies.forEach(t -> t.add(h)), n -> { }, () -> false);
        return tallies.stream().map(KpiTally::report).toList();
    }

    /** Starts (unless one runs) the durable job computing and storing {@code points}; @return its id */
    private long refresh(List<Instant> points) {
        Optional<Long> running = jobs.newest(false, 20).stream()
                .filter(j -> j.running() && KpisJob.KIND.equals(j.kind())).map(j -> j.id()).findFirst();
        if (running.isPresent()) return running.get();
        String at = String.join(",", points.stream().map(Instant::toString).toList());
        return jobs.start(KpisJob.KIND, null, java.util.Map.of(KpisJob.POINTS, at, KpisJob.VERSION, version()), "system").id();
    }

    /**
     * The job's work: the KPIs of each moment in one pass over the portfolio, stored as snapshots; nothing is
     * stored when {@code stop} says stop before the pass ended (the job is resumed, or cancelled).
     */
    void computeAndStore(List<Instant> points, String version, java.util.function.Consumer<Integer> visitedSoFar,
                         java.util.function.BooleanSupplier stop) {
        Kpis kpis = new Kpis(scorer.model().config());
        PortfolioReader reader = new PortfolioReader(pipeline.database());
        List<KpiTally> tallies = points.stream().map(kpis::tally).toList();
        Instant last = points.stream().max(Instant::compareTo).orElseThrow();
        KpiSnapshots store = snapshots();
        long lastSignal = store.newestSignal(); // before the pass: whatever arrives during it makes the result out of date
        int visited = reader.forEach(last, h -> tallies.forEach(t -> t.add(h)), visitedSoFar, stop);
        if (stop.getAsBoolean()) return;
        Instant computedAt = now();
        for (int i = 0; i < points.size(); i++) {
            store.save(points.get(i), version, computedAt, lastSignal, visited, Json.write(tallies.get(i).report()));
        }
    }

    /** How many accounts a pass visits (the job's progress total). */
    int portfolioSize() {
        return new PortfolioReader(pipeline.database()).count();
    }

    /** Now and the default trend's weekly points before it. */
    private static List<Instant> defaultPoints(Instant now) {
        List<Instant> points = new ArrayList<>();
        for (int i = DEFAULT_TREND_POINTS; i >= 0; i--) points.add(now.minus(WEEK.multipliedBy(i)));
        return points;
    }

    private boolean small() {
        int inline = ConfigProvider.getConfig().getOptionalValue("admin.kpi-inline-accounts", Integer.class).orElse(2_000);
        return new PortfolioReader(pipeline.database()).count() <= inline;
    }

    /**
     * Out of date: older than {@code admin.kpi-max-age-minutes} (60), or signals were stored since it was
     * computed (a late or backdated event changes past KPIs too) and it is older than
     * {@code admin.kpi-refresh-seconds} (10), so a busy portfolio is recomputed at most that often. An out-of-date
     * snapshot is still answered while the job computes the next.
     */
    private boolean stale(KpiSnapshots.Snapshot s) {
        var config = ConfigProvider.getConfig();
        long minutes = config.getOptionalValue("admin.kpi-max-age-minutes", Long.class).orElse(60L);
        if (s.computedAt().isBefore(now().minus(Duration.ofMinutes(minutes)))) return true;
        long seconds = config.getOptionalValue("admin.kpi-refresh-seconds", Long.class).orElse(10L);
        return s.computedAt().isBefore(now().minus(Duration.ofSeconds(seconds))) && snapshots().newestSignal() > s.lastSignal();
    }

    private String version() {
        return scorer.model().config().version();
    }

    private KpiSnapshots snapshots() {
        return new KpiSnapshots(pipeline.database());
    }

    private static KpiReport read(String json) {
        try {
            return Json.MAPPER.readValue(json, KpiReport.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored KPI snapshot is not a KpiReport", e);
        }
    }
}
