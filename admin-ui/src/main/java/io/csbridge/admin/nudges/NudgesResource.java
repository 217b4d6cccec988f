package io.csbridge.admin.nudges;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.nudges.NudgesAdmin;
import io.csbridge.domain.nudge.NudgeDefinitions;
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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /admin/api/nudges} (CONTRACT §7): the in-app nudge definitions, versioned and audited like the
 * alert rules; a change can be dry-run over the last 30 days before it is saved; each nudge's results.
 */
@Path("nudges")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class NudgesResource {

    @Inject
    NudgesAdmin nudges;

    @Context
    SecurityContext security;

    @GET
    public Map<String, Object> current() {
        NudgesAdmin.Current current = readable(nudges::current);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", current.version());
        out.put("savedAt", current.savedAt());
        out.put("savedBy", current.savedBy());
        out.put("nudges", current.definitions().nudges());
        return out;
    }

    @GET
    @Path("history")
    public Map<String, Object> history(@QueryParam("limit") @DefaultValue("50") int limit) {
        return Map.of("items", nudges.history(Math.max(1, Math.min(limit, 500))).stream()
                .map(v -> Map.of("version", v.version(), "savedAt", v.savedAt(), "savedBy", v.savedBy()))
                .toList());
    }

    @GET
    @Path("results")
    public Map<String, Object> results() {
        return Map.of("items", nudges.results());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response change(String body, @QueryParam("dryRun") @DefaultValue("false") boolean dryRun,
                           @QueryParam("note") String note) {
        if (body == null || body.isBlank()) throw ApiError.badRequest("nudges (JSON) are required");
        NudgeDefinitions definitions = readable(() -> nudges.parse(body));
        if (dryRun) {
            NudgesAdmin.DryRunResult run = nudges.dryRun(definitions);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("from", run.from());
            out.put("to", run.to());
            out.put("wouldShow", run.result().total());
            out.put("heldBack", run.result().heldBack());
            out.put("nudges", run.result().nudges());
            out.put("who", run.result().listed());
            return Response.ok(out).build();
        }
        int version = nudges.save(definitions, security.getUserPrincipal().getName(), note);
        return Response.ok(Map.of("version", version)).build();
    }

    /** Definitions read from JSON, or a 400 saying why they cannot be (every problem, when they parse). */
    private static <T> T readable(Supplier<T> reading) {
        try {
            return reading.get();
        } catch (NudgesAdmin.InvalidNudges e) {
            throw new InvalidNudges(e.problems());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("not valid nudges: " + e.getMessage());
        }
    }

    static final class InvalidNudges extends WebApplicationException {
        InvalidNudges(List<String> problems) {
            super(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(Map.of(
                    "error", "invalid_nudges", "detail", problems.size() + " problem(s) in the nudges",
                    "problems", problems)).build());
        }
    }
}
