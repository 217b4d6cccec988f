package io.csbridge.admin.audit;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.audit.AuditTrail;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/** {@code /admin/api/audit}: every change people made: who, when, before, after. */
@Path("audit")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class AuditResource {

    @Inject
    AuditTrail audit;

    @GET
    public Map<String, Object> recent(@QueryParam("subject") String subject, @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) throw ApiError.badRequest("limit must be 1-1000");
        return Map.of("items", audit.recent(subject, limit));
    }
}
