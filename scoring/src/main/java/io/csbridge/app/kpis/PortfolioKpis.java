package io.csbridge.app.kpis;

import io.csbridge.domain.kpi.KpiReport;
import io.csbridge.domain.kpi.Kpis;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.account.AccountCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The portfolio KPIs under the model in force, as of any moment, and their trend. */
@ApplicationScoped
public class PortfolioKpis {

    @Inject
    Pipeline pipeline;

    @Inject
    LiveScorer scorer;

    /** Now, by the one clock. */
    public Instant now() {
        return pipeline.clock().instant();
    }

    /** @param asOf null for now */
    public KpiReport at(Instant asOf) {
        Instant when = asOf == null ? now() : asOf;
        return new Kpis(scorer.model().config()).compute(new AccountCatalog(pipeline.database()).histories(when), when);
    }

    /** The KPIs at each step from {@code start} to {@code end} (both included when the steps land on it). */
    public List<KpiReport> trend(Instant start, Instant end, Duration step) {
        List<AccountHistory> histories = new AccountCatalog(pipeline.database()).histories(end);
        Kpis kpis = new Kpis(scorer.model().config());
        List<KpiReport> points = new ArrayList<>();
        for (Instant at = start; !at.isAfter(end); at = at.plus(step)) points.add(kpis.compute(histories, at));
        return points;
    }
}
