package io.csbridge.admin.jobs;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
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
import jakarta.ws.rs.core.SecurityContext;

import java.util.Map;

/** {@code /admin/api/jobs}: every durable job (rescores, backfills, imports) with its progress; start a full rescore, cancel a job. */
@Path("jobs")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class JobsResource {

    @Inject
    Jobs jobs;

    @Context
    SecurityContext security;

    @GET
    public Map<String, Object> list() {
        return Map.of("items", jobs.all());
    }

    @GET
    @Path("{id}")
    public Jobs.Progress get(@PathParam("id") long id) {
        Jobs.Progress p = jobs.get(id);
        if (p == null) throw ApiError.notFound("no job " + id);
        return p;
    }

    /** Asks the job to stop, on whichever node runs it. */
    @DELETE
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Jobs.Progress cancel(@PathParam("id") long id) {
        if (jobs.cancel(id, security.getUserPrincipal().getName()).isEmpty()) throw ApiError.notFound("no job " + id);
        return jobs.get(id);
    }

    @POST
    @Path("rescore")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Jobs.Progress rescore() {
        return jobs.startRescore(security.getUserPrincipal().getName());
    }
}
