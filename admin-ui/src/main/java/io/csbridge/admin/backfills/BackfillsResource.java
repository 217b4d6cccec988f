package io.csbridge.admin.backfills;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.backfill.Backfills;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/api/backfills} (CONTRACT §5, cs-admin): start a backfill of a vendor's history since a
 * date, read its progress, cancel it.
 */
@Path("backfills")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.ADMIN)
public class BackfillsResource {

    private static final Set<String> FIELDS = Set.of("source", "since");

    @Inject
    Backfills backfills;

    @Inject
    Clock clock;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(Map<String, Object> body) {
        if (body == null) throw ApiError.badRequest("a JSON object {\"source\":\"salesforce\"|\"zendesk\",\"since\":\"2025-01-01\"} is required");
        for (String field : body.keySet()) {
            if (!FIELDS.contains(field)) throw ApiError.badRequest("unknown field '" + field + "': only source and since");
        }
        Object source = body.get("source");
        if (!(source instanceof String s) || !backfills.sources().contains(s)) {
            throw ApiError.badRequest("source must be one of " + backfills.sources());
        }
        Optional<LocalDate> since = since(body.get("since"));
        try {
            Backfills.Backfill b = backfills.start(s, since, security.getUserPrincipal().getName());
            return Response.accepted(b).build();
        } catch (Backfills.AlreadyRunning running) {
            throw new ApiError(409, "already_running", "backfill " + running.getMessage() + " of " + s + " is running");
        }
    }

    @GET
    public Map<String, Object> list() {
        return Map.of("items", backfills.all());
    }

    @GET
    @Path("{id}")
    public Backfills.Backfill get(@PathParam("id") String id) {
        return backfills.get(id).orElseThrow(() -> ApiError.notFound("no backfill " + id));
    }

    @DELETE
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id) {
        Backfills.Backfill b = get(id);
        if (!backfills.cancel(id)) throw new ApiError(409, "not_running", "backfill " + id + " is " + b.state());
        return Response.accepted(get(id)).build();
    }

    private Optional<LocalDate> since(Object value) {
        if (value == null) return Optional.empty();
        if (!(value instanceof String text)) throw ApiError.badRequest("since must be a date such as \"2025-01-01\"");
        try {
            LocalDate date = LocalDate.parse(text.trim());
            if (date.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) throw ApiError.badRequest("since is in the future: " + text);
            return Optional.of(date);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("since must be a date such as \"2025-01-01\", not '" + text + "'");
        }
    }
}
