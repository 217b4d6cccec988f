package io.csbridge.admin.accounts;

import io.csbridge.store.AccountCatalog;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.store.AuditLog;
import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.runtime.Pipeline;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /admin/api/accounts/{id}/override}: a CSM sets the health score with a reason and an expiry.
 * The override is an event like any other (durable, audited, replayed by as-of queries) and the
 * scorer applies it until it expires, so no recompute drops it.
 */
@Path("accounts/{id}/override")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.ADMIN)
public class OverridesResource {

    /** {@code expiresAt}: a date (end of that day, UTC) or an instant, in the future. */
    public record OverrideRequest(Integer healthScore, String reason, String expiresAt) {
    }

    @Inject
    Pipeline pipeline;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response set(@PathParam("id") String id, OverrideRequest request) {
        if (request == null || request.healthScore() == null || request.healthScore() < 0 || request.healthScore() > 100) {
            throw ApiError.badRequest("healthScore must be a whole number from 0 to 100");
        }
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 500) {
            throw ApiError.badRequest("reason is required (at most 500 characters)");
        }
        Instant now = pipeline.clock().instant();
        Instant expires = expiry(request.expiresAt());
        if (!expires.isAfter(now)) throw ApiError.badRequest("expiresAt must be in the future");
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("reason", request.reason().strip());
        attributes.put("expiresAt", expires.toString());
        attributes.put("by", security.getUserPrincipal().getName());
        return record(id, new Signal(AccountKey.account(canonical(id)), SignalKind.SCORE_OVERRIDE, now, "override",
                security.getUserPrincipal().getName(), request.healthScore(), attributes), "score.override");
    }

    @DELETE
    public Response clear(@PathParam("id") String id) {
        Instant now = pipeline.clock().instant();
        return record(id, new Signal(AccountKey.account(canonical(id)), SignalKind.SCORE_OVERRIDE, now, "override",
                security.getUserPrincipal().getName(), Double.NaN,
                Map.of("cleared", "true", "by", security.getUserPrincipal().getName())), "score.override.clear");
    }

    private Response record(String id, Signal signal, String action) {
        String payload = Json.write(Map.of("account", signal.account().value(), "kind", signal.kind().name(),
                "value", signal.hasValue() ? signal.value() : "", "attributes", signal.attributes()));
        pipeline.inbox().accept(List.of(new InboxEntry("admin", "override:" + UUID.randomUUID(), signal.occurredAt(),
                payload, List.of(signal))));
        pipeline.database().inTransaction(c -> {
            new AuditLog().record(c, signal.occurredAt(), security.getUserPrincipal().getName(), action,
                    signal.account().value(), null, payload);
            return null;
        });
        return Response.accepted(Map.of("accountId", signal.account().value(), "status", "accepted",
                "detail", "the score is recomputed within seconds")).build();
    }

    private String canonical(String id) {
        AccountCatalog catalog = new AccountCatalog(pipeline.database());
        String canonical = catalog.canonicalId(id);
        if (catalog.get(canonical, null, null).isEmpty()) throw ApiError.notFound("no account with id '" + id + "'");
        return canonical;
    }

    private static Instant expiry(String value) {
        if (value == null || value.isBlank()) throw ApiError.badRequest("expiresAt is required: an override always ends");
        try {
            if (value.length() == 10) return LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("expiresAt must be a date (2026-12-31) or an instant, not '" + value + "'");
        }
    }
}
