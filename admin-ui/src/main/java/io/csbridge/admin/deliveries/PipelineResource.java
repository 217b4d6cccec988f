package io.csbridge.admin.deliveries;

import io.csbridge.admin.Roles;
import io.csbridge.app.deliveries.Deliveries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /admin/api/pipeline}: inbox and outbox counts, the review queue size, each connector's mode. */
@Path("pipeline")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class PipelineResource {

    @Inject
    Deliveries deliveries;

    @GET
    public Map<String, Object> status() {
        Deliveries.PipelineStatus status = deliveries.status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inbox", status.inbox());
        out.put("outbox", status.outbox());
        out.put("unmatched", status.unmatched());
        out.put("oldestUnprocessedEvent", status.oldestUnprocessedEvent());
        // Each connector's mode, and what it reports about itself (API budget, pauses, circuit; never secrets).
        out.put("connectors", status.connectors());
        return out;
    }
}
