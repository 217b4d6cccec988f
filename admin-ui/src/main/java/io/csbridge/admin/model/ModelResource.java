package io.csbridge.admin.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.admin.ApiError;
import io.csbridge.admin.AsOf;
import io.csbridge.admin.Roles;
import io.csbridge.app.model.ModelAdmin;
import io.csbridge.domain.score.InvalidConfigException;
import io.csbridge.domain.scoring.Backtest;
import io.csbridge.domain.scoring.ModelPreview;
import io.csbridge.domain.scoring.ScoringConfig;
import io.csbridge.json.Json;
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

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

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
    ModelAdmin model;

    @Context
    SecurityContext security;

    @GET
    public Map<String, Object> current() throws JsonProcessingException {
        ModelAdmin.Current current = model.current();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", current.version());
        out.put("savedAt", current.savedAt());
        out.put("savedBy", current.savedBy());
        out.put("config", Json.MAPPER.readTree(current.configJson()));
        return out;
    }

    @GET
    @Path("history")
    public Map<String, Object> history(@QueryParam("limit") @DefaultValue("50") int limit) {
        List<Map<String, Object>> items = model.history(Math.max(1, Math.min(limit, 500))).stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("savedAt", v.savedAt());
            m.put("savedBy", v.savedBy());
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
        if (dryRun) return Response.ok(model.dryRun(proposed)).build();
        ModelAdmin.Saved saved = model.save(proposed, security.getUserPrincipal().getName(), note);
        return Response.ok(Map.of("version", saved.version(), "rescoreJob", saved.rescoreJob())).build();
    }

    /** Body: {@code {"asOf": "2026-01-01", "until": "2026-06-30", "config": {...optional...}}}. */
    @POST
    @Path("backtest")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Backtest.Report backtest(String body) {
        JsonNode request = json(body);
        ModelAdmin.Window w = window(request, model::backtestWindow);
        ScoringConfig config = request.hasNonNull("config") ? parse(request.get("config").toString()) : model.inForce();
        return model.backtest(config, w);
    }

    /**
     * The model editor's live preview. Body: {@code {"config": {...}, "asOf": "...", "until": "..."}}
     * (window as for a backtest). Answers the dry run now, up to three named accounts each way, the
     * backtest of the edited and the current model side by side, and the onboarding states under each.
     * Changes nothing; viewers may ask too.
     */
    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public ModelPreview preview(String body) {
        JsonNode request = json(body);
        if (!request.hasNonNull("config")) throw ApiError.badRequest("'config' (the edited scoring model) is required");
        ScoringConfig config = parse(request.get("config").toString());
        return model.preview(config, window(request, model::backtestWindow));
    }

    /** Each measure's inputs across the current portfolio (a histogram and quartiles), for the editor's charts. */
    @GET
    @Path("distributions")
    public Map<String, Object> distributions() {
        return Map.of("measures", model.distributions());
    }

    /**
     * Fits the churn-risk model (logistic regression over the rule severities and the custom account
     * attributes: numbers standardised, categories one-hot, L2) to this customer's own history: accounts
     * scored as of {@code asOf}, labelled by whether they churned by {@code until} (for a snapshot of
     * attributes loaded as group traits, {@code asOf} just after it and {@code until} after the churn marks). Answers the cross-validated AUC
     * beside the rules' AUC on the same accounts, and the model config with the fitted model in it, to
     * dry-run and save with {@code PUT /model} if the team trusts it. Nothing is switched on here.
     */
    @POST
    @Path("fit")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> fit(String body) throws JsonProcessingException {
        ModelAdmin.Window w = window(json(body), model::fitWindow);
        ModelAdmin.Fit fit;
        try {
            fit = model.fit(w);
        } catch (ModelAdmin.NotEnoughHistory e) {
            throw new ApiError(409, "not_enough_history", e.getMessage());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("crossValidatedAuc", fit.fitted().crossValidatedAuc());
        out.put("ruleAuc", fit.fitted().ruleAuc());
        out.put("accounts", fit.fitted().accounts());
        out.put("churned", fit.fitted().churned());
        out.put("model", fit.fitted());
        out.put("proposedConfig", Json.MAPPER.readTree(fit.proposedConfigJson()));
        return out;
    }

    /** {@code asOf} and {@code until} from the request (dates or instants), for a backtest or a fit. */
    private static ModelAdmin.Window window(JsonNode request, BiFunction<Instant, Instant, ModelAdmin.Window> window) {
        Instant until = request.hasNonNull("until") ? AsOf.parse(request.get("until").asText()) : null;
        Instant asOf = request.hasNonNull("asOf") ? AsOf.parse(request.get("asOf").asText()) : null;
        try {
            return window.apply(asOf, until);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    private static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("not valid JSON: " + e.getOriginalMessage());
        }
    }

    private ScoringConfig parse(String body) {
        if (body == null || body.isBlank()) throw ApiError.badRequest("a scoring model (JSON) is required");
        try {
            return model.parse(body);
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
