package io.csbridge.admin.model;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.model.AlertRulesAdmin;
import io.csbridge.domain.alerting.AlertRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /admin/api/alert-rules}: when alerts fire, who gets them, how often. Versioned; a change can
 * be dry-run against the last 30 days (what would have fired) before it is saved.
 */
@Path("alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class AlertRulesResource {

    @Inject
    AlertRulesAdmin alertRules;

    @Context
    SecurityContext security;

    @GET
    public Map<String, Object> current() {
        AlertRulesAdmin.Current current = readable(alertRules::current);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", current.version());
        out.put("savedAt", current.savedAt());
        out.put("savedBy", current.savedBy());
        out.put("rules", current.rules());
        return out;
    }

    @GET
    @Path("history")
    public Map<String, Object> history(@QueryParam("limit") @DefaultValue("50") int limit) {
        return Map.of("items", alertRules.history(Math.max(1, Math.min(limit, 500))).stream()
                .map(v -> Map.of("version", v.version(), "savedAt", v.savedAt(), "savedBy", v.savedBy()))
                .toList());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response change(String body, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                           @QueryParam("note") String note) {
        if (body == null || body.isBlank()) throw ApiError.badRequest("alert rules (JSON) are required");
        AlertRules rules = readable(() -> alertRules.parse(body));
        if (dryRun) {
            AlertRulesAdmin.DryRunResult run = alertRules.dryRun(rules);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", run.from());
            out.put("to", run.to());
            out.put("sent", run.result().sent());
            out.put("digested", run.result().digested());
            out.put("suppressed", run.result().suppressed());
            out.put("decisions", run.result().decisions());
            out.put("digests", run.result().digests());
            return Response.ok(out).build();
        }
        int version = alertRules.save(rules, security.getUserPrincipal().getName(), note);
        return Response.ok(Map.of("version", version)).build();
    }

    /** Alert rules read from JSON, or a 400 saying why they cannot be (every problem, when they parse). */
    private static <T> T readable(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (AlertRulesAdmin.InvalidRules e) {
            throw new ModelResource.InvalidModel(e.problems());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("not valid alert rules: " + e.getMessage());
        }
    }
}
