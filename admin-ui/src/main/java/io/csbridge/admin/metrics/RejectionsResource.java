package io.csbridge.admin.metrics;

import io.csbridge.admin.Roles;
import io.csbridge.app.intake.RejectionCounts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * {@code GET /admin/api/metrics/rejections} (cs-admin): webhook deliveries refused since start, by reason
 * ({@code invalid_signature}, {@code stale_timestamp}, {@code malformed_request}, {@code payload_too_large}
 * ...), with a total. Counts only: no payloads, headers or secrets. Served here, behind the login, rather
 * than by the webhooks, which have signatures but no logins.
 */
@Path("metrics/rejections")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.ADMIN)
public class RejectionsResource {

    @GET
    public Map<String, Object> rejections() {
        Map<String, Long> byReason = RejectionCounts.INSTANCE.snapshot();
        long total = byReason.values().stream().mapToLong(Long::longValue).sum();
        return Map.of("total", total, "byReason", byReason);
    }
}
