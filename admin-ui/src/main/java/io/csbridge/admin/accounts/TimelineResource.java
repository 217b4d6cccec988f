package io.csbridge.admin.accounts;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.accounts.AccountQueries;
import io.csbridge.domain.signal.Signal;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /admin/api/accounts/{id}/timeline}: what happened to the account, newest first. */
@Path("accounts/{id}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class TimelineResource {

    @Inject
    AccountQueries accounts;

    @GET
    public Map<String, Object> timeline(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("200") int limit) {
        if (limit < 1 || limit > 2000) throw ApiError.badRequest("limit must be 1-2000");
        AccountQueries.Timeline timeline = accounts.timeline(id, limit)
                .orElseThrow(() -> ApiError.notFound("no account with id '" + id + "'"));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Signal s : timeline.newestFirst()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("at", s.occurredAt());
            item.put("kind", s.kind().name());
            item.put("name", s.name());
            item.put("user", s.user());
            item.put("value", s.hasValue() ? s.value() : null);
            item.put("attributes", s.attributes());
            items.add(item);
        }
        return Map.of("items", items, "total", timeline.total());
    }
}
