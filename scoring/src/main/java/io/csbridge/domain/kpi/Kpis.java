package io.csbridge.domain.kpi;

import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.domain.scoring.ScoringConfig;
import io.csbridge.domain.segment.SegmentPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Computes the KPIs of DOMAIN.md from accounts' histories as of one moment, over a trailing period
 * (365 days by default). A pure function of the histories, the configuration and {@code asOf}, like
 * the scores: a KPI for last quarter is computed from what was known then.
 */
public final class Kpis {

    public static final Duration DEFAULT_PERIOD = Duration.ofDays(365);

    private final ModelScorer scorer;
    private final SegmentPolicy segments;
    private final Duration period;

    public Kpis(ScoringConfig config, Duration period) {
        this.scorer = new ModelScorer(config);
        this.segments = config.segments();
        this.period = period;
    }

    public Kpis(ScoringConfig config) {
        this(config, DEFAULT_PERIOD);
    }

    /**
     * The KPIs as of {@code asOf} over {@code accounts}. The same as feeding each history to
     * {@link #tally(Instant)}: a portfolio too large to hold in memory is read in chunks.
     */
    public KpiReport compute(List<AccountHistory> accounts, Instant asOf) {
        KpiTally tally = tally(asOf);
        for (AccountHistory history : accounts) tally.add(history);
        return tally.report();
    }

    /** An empty tally of the KPIs as of {@code asOf}: add every account's history once, then read the report. */
    public KpiTally tally(Instant asOf) {
        return new KpiTally(scorer, segments, period, asOf);
    }
}
