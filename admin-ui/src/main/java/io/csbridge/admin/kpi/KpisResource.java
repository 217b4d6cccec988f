package io.csbridge.admin.kpi;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.AsOf;
import io.csbridge.admin.Roles;
import io.csbridge.app.kpis.PortfolioKpis;
import io.csbridge.domain.kpi.KpiReport;
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
import java.util.Map;

/** {@code /admin/api/kpis}: the portfolio KPIs as of any moment, and their trend. */
@Path("kpis")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class KpisResource {

    static final int MAX_POINTS = 60;

    @Inject
    PortfolioKpis kpis;

    @GET
    public KpiReport kpis(@QueryParam("asOf") String asOf) {
        try {
            return kpis.at(AsOf.parse(asOf));
        } catch (PortfolioKpis.Pending p) {
            throw pending(p);
        }
    }

    /** The KPIs at each step from {@code from} to {@code to} (default: weekly over the last 12 weeks). */
    @GET
    @Path("trend")
    public Map<String, Object> trend(@QueryParam("from") String from, @QueryParam("to") String to,
                                     @QueryParam("step") @DefaultValue("week") String step) {
        Instant end = to == null ? kpis.trendEnd() : AsOf.parse(to);
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
        try {
            return Map.of("points", kpis.trend(start, end, stride));
        } catch (PortfolioKpis.Pending p) {
            throw pending(p);
        }
    }

    /** 503 with Retry-After while a large portfolio's KPIs are computed in the background (the job is named). */
    private static jakarta.ws.rs.WebApplicationException pending(PortfolioKpis.Pending p) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("error", "computing");
        body.put("detail", p.getMessage());
        body.put("job", p.jobId());
        return new jakarta.ws.rs.WebApplicationException(p.getMessage(), jakarta.ws.rs.core.Response.status(503)
                .type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "10").entity(body).build());
    }
}
