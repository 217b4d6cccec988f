package io.csbridge.webhooks.security;

import io.csbridge.webhooks.RejectionCounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * {@code GET /hooks/metrics/rejections}: deliveries refused since start, by reason
 * ({@code invalid_signature}, {@code stale_timestamp}, {@code malformed_request}, {@code payload_too_large} ...).
 * A plain JSON document because WildFly 39's {@code metrics} subsystem has no application-metrics API.
 * Counts only: no payloads, headers or secrets.
 */
@Path("metrics/rejections")
@ApplicationScoped
public class RejectionsEndpoint {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> rejections() {
        Map<String, Long> byReason = RejectionCounts.INSTANCE.snapshot();
        long total = byReason.values().stream().mapToLong(Long::longValue).sum();
        return Map.of("total", total, "byReason", byReason);
    }
}
