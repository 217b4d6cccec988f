package io.csbridge.admin.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.store.AccountCatalog;
import io.csbridge.admin.ApiError;
import io.csbridge.admin.AsOf;
import io.csbridge.admin.Roles;
import io.csbridge.admin.jobs.Jobs;
import io.csbridge.domain.scoring.Backtest;
import io.csbridge.domain.scoring.DryRun;
import io.csbridge.domain.score.InvalidConfigException;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.domain.scoring.ScoringConfig;
import io.csbridge.store.ScoringConfigJson;
import io.csbridge.json.Json;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.SettingsStore;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /admin/api/model}: the scoring model (health models, onboarding plans, churn risk,
 * segments) as versioned JSON. A change can be tried first (dry run: which accounts would change
 * band) and backtested (how well it ranks the accounts that churned afterwards).
 */
@Path("model")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class ModelResource {

    @Inject
    Pipeline pipeline;

    @Inject
    LiveScorer scorer;

    @Inject
    Jobs jobs;

    @Context
    SecurityContext security;

    @GET
    public Map<String, Object> current() throws JsonProcessingException {
        ScoringConfig config = scorer.model().config();
        Map<String, Object> out = new LinkedHashMap<>();
        var saved = new SettingsStore(pipeline.database()).current(SettingsStore.SCORING);
        out.put("version", config.version());
        out.put("savedAt", saved.map(SettingsStore.Version::createdAt).orElse(null));
        out.put("savedBy", saved.map(SettingsStore.Version::createdBy).orElse(null));
        out.put("config", Json.MAPPER.readTree(ScoringConfigJson.write(config)));
        return out;
    }

    @GET
    @Path("history")
    public Map<String, Object> history(@QueryParam("limit") @DefaultValue("50") int limit) {
        List<Map<String, Object>> items = new SettingsStore(pipeline.database())
                .history(SettingsStore.SCORING, Math.max(1, Math.min(limit, 500))).stream().map(v -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("version", v.version());
                    m.put("savedAt", v.createdAt());
                    m.put("savedBy", v.createdBy());
                    m.put("note", v.note());
                    return m;
                }).toList();
        return Map.of("items", items);
    }

    /**
     * Validates a new model; with {@code dryRun=true} only reports which accounts would change band,
     * otherwise saves it as the next version and starts rescoring every account.
     */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response change(String body, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                           @QueryParam("note") String note) {
        ScoringConfig proposed = parse(body);
        Instant now = pipeline.clock().instant();
        if (dryRun) {
            ScoringConfig current = scorer.model().config();
            DryRun.Report report = DryRun.compare(new AccountCatalog(pipeline.database()).histories(now), current,
                    proposed.withVersion("proposed"), now);
            return Response.ok(report).build();
        }
        String by = security.getUserPrincipal().getName();
        int version = new SettingsStore(pipeline.database()).save(SettingsStore.SCORING,
                ScoringConfigJson.write(proposed.withVersion("draft")), by, note, now);
        scorer.reload();
        Jobs.Progress job = jobs.startRescore(by);
        return Response.ok(Map.of("version", version, "rescoreJob", job)).build();
    }

    /** Body: {@code {"asOf": "2026-01-01", "until": "2026-06-30", "config": {...optional...}}}. */
    @POST
    @Path("backtest")
    @Consumes(MediaType.APPLICATION_JSON)
    public Backtest.Report backtest(String body) {
        JsonNode request = json(body);
        Window w = window(request, Duration.ofDays(90));
        ScoringConfig config = request.hasNonNull("config") ? parse(request.get("config").toString()) : scorer.model().config();
        return Backtest.run(new AccountCatalog(pipeline.database()).histories(w.until()), config, w.asOf(), w.until());
    }

    /**
     * Fits the churn-risk model (logistic regression) to this customer's own history: accounts scored as
     * of {@code asOf}, labelled by whether they churned by {@code until}. Answers the cross-validated AUC
     * beside the rules' AUC on the same accounts, and the model config with the fitted model in it, to
     * dry-run and save with {@code PUT /model} if the team trusts it. Nothing is switched on here.
     */
    @POST
    @Path("fit")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> fit(String body) throws JsonProcessingException {
        Window w = window(json(body), Duration.ofDays(180));
        ScoringConfig current = scorer.model().config();
        io.csbridge.domain.risk.FittedChurnModel fitted;
        try {
            fitted = Backtest.fitChurnModel(new AccountCatalog(pipeline.database()).histories(w.until()), current, w.asOf(),
                    w.until(), io.csbridge.domain.risk.ChurnModelTrainer.standard());
        } catch (IllegalArgumentException e) {
            throw new ApiError(409, "not_enough_history", e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("crossValidatedAuc", fitted.crossValidatedAuc());
        out.put("ruleAuc", fitted.ruleAuc());
        out.put("accounts", fitted.accounts());
        out.put("churned", fitted.churned());
        out.put("model", fitted);
        out.put("proposedConfig", Json.MAPPER.readTree(ScoringConfigJson.write(
                current.withChurnRisk(current.churnRisk().withFitted(fitted)))));
        return out;
    }

    /** The past window a backtest or a fit looks at: scored as of {@code asOf}, churn observed until {@code until}. */
    private record Window(Instant asOf, Instant until) {
    }

    /** {@code asOf} and {@code until} from the request (dates or instants); until defaults to now and never passes it. */
    private Window window(JsonNode request, Duration defaultSpan) {
        Instant now = pipeline.clock().instant();
        Instant until = request.hasNonNull("until") ? AsOf.parse(request.get("until").asText()) : now;
        if (until.isAfter(now)) until = now;
        Instant asOf = request.hasNonNull("asOf") ? AsOf.parse(request.get("asOf").asText()) : until.minus(defaultSpan);
        if (!asOf.isBefore(until)) throw ApiError.badRequest("asOf must be before until");
        return new Window(asOf, until);
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static ScoringConfig parse(String body) {
        if (body == null || body.isBlank()) throw ApiError.badRequest("a scoring model (JSON) is required");
        try {
            return ScoringConfigJson.read(body);
        } catch (InvalidConfigException e) {
            throw new InvalidModel(e.problems());
        } catch (RuntimeException e) {
            throw ApiError.badRequest("not a valid scoring model: " + e.getMessage());
        }
    }

    /** 400 listing every problem, so an editor can show them all at once. */
    static final class InvalidModel extends jakarta.ws.rs.WebApplicationException {
        InvalidModel(List<String> problems) {
            super(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of(
                    "error", "invalid_model", "detail", problems.size() + " problem(s) in the model",
                    "problems", problems)).build());
        }
    }
}
