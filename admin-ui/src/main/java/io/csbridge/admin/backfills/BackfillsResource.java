package io.csbridge.admin.backfills;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.jobs.JobView;
import io.csbridge.app.jobs.Jobs;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.List;
import java.util.Map;

/**
 * {@code /admin/api/backfills}: every backfill and import (durable jobs with a source), read from the
 * database, so every node shows the same; {@code DELETE} cancels one wherever it runs.
 */
@Path("backfills")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class BackfillsResource {

    @Inject
    Jobs jobs;

    @Context
    SecurityContext security;

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
}
