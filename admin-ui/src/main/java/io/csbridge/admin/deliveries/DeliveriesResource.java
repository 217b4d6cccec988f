package io.csbridge.admin.deliveries;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.deliveries.Deliveries;
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

/** {@code /admin/api/deliveries}: what was written where, what failed and why; retry of a dead letter. */
@Path("deliveries")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class DeliveriesResource {

    @Inject
    Deliveries deliveries;

    @GET
    public Map<String, Object> list(@QueryParam("account") String account,
                                    @QueryParam("channel") String channel,
                                    @QueryParam("status") String status,
                                    @QueryParam("limit") @DefaultValue("100") int limit,
                                    @QueryParam("offset") @DefaultValue("0") int offset) {
        if (limit < 1 || limit > 1000 || offset < 0) throw ApiError.badRequest("limit must be 1-1000 and offset >= 0");
        return Map.of("items", deliveries.list(account, channel, status, limit, offset));
    }

    @POST
    @Path("{id}/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> retry(@PathParam("id") long id) {
        if (!deliveries.retry(id)) {
            throw new ApiError(409, "not_dead", "delivery " + id + " is not a dead letter (or does not exist)");
        }
        return Map.of("id", id, "status", "PENDING");
    }
}
