package io.csbridge.admin.model;

import io.csbridge.store.AccountCatalog;
import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.domain.alerting.AccountSnapshot;
import io.csbridge.domain.alerting.AlertDryRun;
import io.csbridge.store.AlertRulesStore;
import io.csbridge.domain.alerting.AlertRules;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.json.Json;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.SettingsStore;
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

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/api/alert-rules}: when alerts fire, who gets them, how often. Versioned; a change can
 * be dry-run against the last 30 days (what would have fired) before it is saved.
 */
@Path("alert-rules")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class AlertRulesResource {

    static final Duration DRY_RUN_WINDOW = Duration.ofDays(30);

    @Inject
    Pipeline pipeline;

    @Inject
    LiveScorer scorer;

    @Context
    SecurityContext security;

    @GET
    public Map<String, Object> current() {
        var saved = new SettingsStore(pipeline.database()).current(SettingsStore.ALERT_RULES);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", saved.map(SettingsStore.Version::version).orElse(0));
        out.put("savedAt", saved.map(SettingsStore.Version::createdAt).orElse(null));
        out.put("savedBy", saved.map(SettingsStore.Version::createdBy).orElse(null));
        out.put("rules", saved.map(v -> parse(v.body())).orElseGet(AlertRules::defaults));
        return out;
    }

    @GET
    @Path("history")
    public Map<String, Object> history(@QueryParam("limit") @DefaultValue("50") int limit) {
        return Map.of("items", new SettingsStore(pipeline.database())
                .history(SettingsStore.ALERT_RULES, Math.max(1, Math.min(limit, 500))).stream()
                .map(v -> Map.of("version", v.version(), "savedAt", v.createdAt(), "savedBy", v.createdBy()))
                .toList());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response change(String body, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                           @QueryParam("note") String note) {
        AlertRules rules = parse(body);
        Instant now = pipeline.clock().instant();
        if (dryRun) {
            AlertDryRun.Result result = AlertDryRun.run(rules, snapshots(now), now.minus(DRY_RUN_WINDOW), now);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", now.minus(DRY_RUN_WINDOW));
            out.put("to", now);
            out.put("sent", result.sent());
            out.put("digested", result.digested());
            out.put("suppressed", result.suppressed());
            out.put("decisions", result.decisions());
            out.put("digests", result.digests());
            return Response.ok(out).build();
        }
        int version = new SettingsStore(pipeline.database()).save(SettingsStore.ALERT_RULES, Json.write(rules),
                security.getUserPrincipal().getName(), note, now);
        return Response.ok(Map.of("version", version)).build();
    }

    /** Each account's state once a day over the window (and the day before it, as the baseline). */
    private Map<String, List<AccountSnapshot>> snapshots(Instant now) {
        Map<String, List<AccountSnapshot>> out = new LinkedHashMap<>();
        for (AccountHistory history : new AccountCatalog(pipeline.database()).histories(now)) {
            List<AccountSnapshot> days = new ArrayList<>();
            for (int d = (int) DRY_RUN_WINDOW.toDays() + 1; d >= 0; d--) {
                Instant at = now.minus(Duration.ofDays(d));
                if (history.upTo(at).isEmpty()) continue;
                days.add(AlertSnapshots.of(history, at, scorer));
            }
            out.put(history.profile().id(), days);
        }
        return out;
    }

    static AlertRules parse(String body) {
        if (body == null || body.isBlank()) throw ApiError.badRequest("alert rules (JSON) are required");
        try {
            return AlertRulesStore.parse(body);
        } catch (AlertRulesStore.InvalidRulesException e) {
            throw new ModelResource.InvalidModel(e.problems());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("not valid alert rules: " + e.getMessage());
        }
    }

}
