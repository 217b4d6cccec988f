package io.csbridge.admin.backfills;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.backfill.Backfills;
import io.csbridge.app.jobs.JobView;
import io.csbridge.app.jobs.Jobs;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/api/backfills} (CONTRACT §5): {@code POST} starts a backfill of Salesforce or Zendesk; the
 * list and each one show every backfill and import (durable jobs with a source), read from the database,
 * so every node shows the same; {@code DELETE} cancels one wherever it runs.
 */
@Path("backfills")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class BackfillsResource {

    private static final Set<String> FIELDS = Set.of("source", "since");

    @Inject
    Jobs jobs;

    @Inject
    Backfills backfills;

    @Inject
    Clock clock;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
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
            JobView job = backfills.start(s, since, security.getUserPrincipal().getName());
            return Response.accepted(BackfillJson.of(job, jobs, false)).build();
        } catch (Backfills.AlreadyRunning running) {
            throw new ApiError(409, "already_running", running.getMessage());
        }
    }

    @GET
    public Map<String, Object> list() {
        List<Map<String, Object>> items = jobs.newest(true, 100).stream().map(j -> BackfillJson.of(j, jobs, false)).toList();
        return Map.of("items", items);
    }

    @GET
    @Path("{id}")
    public Map<String, Object> get(@PathParam("id") String id) {
        return BackfillJson.of(job(id), jobs, true);
    }

    @DELETE
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> cancel(@PathParam("id") String id) {
        job(id);
        JobView job = jobs.cancel(Long.parseLong(id), security.getUserPrincipal().getName()).orElseThrow();
        return BackfillJson.of(job, jobs, false);
    }

    private JobView job(String id) {
        long number;
        try {
            number = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiError.notFound("no backfill " + id);
        }
        return jobs.find(number).filter(j -> j.source() != null)
                .orElseThrow(() -> ApiError.notFound("no backfill " + id));
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
