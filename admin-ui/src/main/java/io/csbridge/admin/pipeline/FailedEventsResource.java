package io.csbridge.admin.pipeline;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.pipeline.FailedEvents;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * {@code /admin/api/pipeline/failed}: the events the pipeline could not apply after all their attempts
 * (source, dedupe key, error, attempts), and {@code POST .../{id}/retry} to put one back in the queue.
 */
@Path("pipeline/failed")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class FailedEventsResource {

    @Inject
    FailedEvents failed;

    @GET
    public Map<String, Object> list(@QueryParam("limit") @DefaultValue("100") int limit,
                                    @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 1000 || offset < 0) throw ApiError.badRequest("limit must be 1-1000 and offset >= 0");
        return Map.of("items", failed.list(limit, offset), "total", failed.count());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Path("{id}/retry")
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> retry(@PathParam("id") long id) {
        if (!failed.retry(id)) {
            throw new ApiError(409, "not_failed", "event " + id + " is not parked as failed (or does not exist)");
        }
        return Map.of("id", id, "status", "NEW");
    }
}
