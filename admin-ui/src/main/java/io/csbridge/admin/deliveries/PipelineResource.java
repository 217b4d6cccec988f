package io.csbridge.admin.deliveries;

import io.csbridge.admin.Roles;
import io.csbridge.outbox.ChannelStatus;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.store.DeliveryLog;
import io.csbridge.runtime.Pipeline;
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
    Pipeline pipeline;

    @GET
    public Map<String, Object> status() {
        DeliveryLog.Status status = new DeliveryLog(pipeline.database()).status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("inbox", status.inbox());
        out.put("outbox", status.outbox());
        out.put("unmatched", status.unmatched());
        out.put("oldestUnprocessedEvent", status.oldestNewEvent());
        // Each connector's mode, and what it reports about itself (API budget, pauses, circuit; never secrets).
        Map<String, Object> connectors = new LinkedHashMap<>();
        for (DeliveryChannel channel : pipeline.channelList()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("mode", channel.live() ? "live" : "sandbox");
            if (channel instanceof ChannelStatus reporting) {
                reporting.status().forEach(report::putIfAbsent);
            }
            connectors.put(channel.name(), report);
        }
        out.put("connectors", connectors);
        return out;
    }
}
