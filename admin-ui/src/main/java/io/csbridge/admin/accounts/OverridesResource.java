package io.csbridge.admin.accounts;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.accounts.Overrides;
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
import java.util.Map;
import java.util.Optional;

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
    Overrides overrides;

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
        Instant expires = expiry(request.expiresAt());
        try {
            return accepted(id, overrides.set(id, request.healthScore(), request.reason(), expires,
                    security.getUserPrincipal().getName()));
        } catch (Overrides.ExpiryNotInFuture e) {
            throw ApiError.badRequest(e.getMessage());
        }
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    public Response clear(@PathParam("id") String id) {
        return accepted(id, overrides.clear(id, security.getUserPrincipal().getName()));
    }

    private static Response accepted(String id, Optional<String> account) {
        String accountId = account.orElseThrow(() -> ApiError.notFound("no account with id '" + id + "'"));
        return Response.accepted(Map.of("accountId", accountId, "status", "accepted",
                "detail", "the score is recomputed within seconds")).build();
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
