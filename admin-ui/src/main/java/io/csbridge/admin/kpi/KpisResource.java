package io.csbridge.admin.kpi;

import io.csbridge.store.AccountCatalog;
import io.csbridge.admin.ApiError;
import io.csbridge.admin.AsOf;
import io.csbridge.admin.Roles;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.domain.kpi.KpiReport;
import io.csbridge.domain.kpi.Kpis;
import io.csbridge.runtime.Pipeline;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code /admin/api/kpis}: the portfolio KPIs as of any moment, and their trend. */
@Path("kpis")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class KpisResource {

    static final int MAX_POINTS = 60;

    @Inject
    Pipeline pipeline;

    @Inject
    LiveScorer scorer;

    @GET
    public KpiReport kpis(@QueryParam("asOf") String asOf) {
        Instant at = AsOf.parse(asOf);
        Instant when = at == null ? pipeline.clock().instant() : at;
        return new Kpis(scorer.model().config()).compute(new AccountCatalog(pipeline.database()).histories(when), when);
    }

    /** The KPIs at each step from {@code from} to {@code to} (default: weekly over the last 12 weeks). */
    @GET
    @Path("trend")
    public Map<String, Object> trend(@QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("step") @DefaultValue("week") String step) {
        Instant end = to == null ? pipeline.clock().instant() : AsOf.parse(to);
        Duration stride = switch (step) {
            case "day" -> Duration.ofDays(1);
            case "week" -> Duration.ofDays(7);
            case "month" -> Duration.ofDays(30);
            default -> throw ApiError.badRequest("step must be day, week or month");
        };
        Instant start = from == null ? end.minus(stride.multipliedBy(12)) : AsOf.parse(from);
        if (!start.isBefore(end)) throw ApiError.badRequest("from must be before to");
        if (Duration.between(start, end).dividedBy(stride) > MAX_POINTS) {
            throw ApiError.badRequest("at most " + MAX_POINTS + " points: widen the step or narrow the range");
        }
        List<AccountHistory> histories = new AccountCatalog(pipeline.database()).histories(end);
        Kpis kpis = new Kpis(scorer.model().config());
        List<KpiReport> points = new ArrayList<>();
        for (Instant at = start; !at.isAfter(end); at = at.plus(stride)) points.add(kpis.compute(histories, at));
        return Map.of("points", points);
    }
}
