package io.csbridge.admin.identities;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.identities.IdentityLinks;
import io.csbridge.domain.account.AccountKey;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.Locale;
import java.util.Map;

/**
 * {@code /admin/api/identities/unmatched}: keys no account holds yet, and what waits behind them;
 * an administrator links each to an account or creates one for it.
 */
@Path("identities/unmatched")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed({Roles.ADMIN, Roles.VIEWER})
public class IdentitiesResource {

    /** Body of link and create: the waiting key, and the account to link it to or the new account's name. */
    public record KeyRequest(String kind, String value, String accountId, String name) {
        AccountKey key() {
            if (kind == null || value == null || value.isBlank()) throw ApiError.badRequest("kind and value are required");
            try {
                return new AccountKey(AccountKey.KeyKind.valueOf(kind.toUpperCase(Locale.ROOT)), value);
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("kind must be one of salesforce, zendesk, zendesk_external, product, domain, product_user");
            }
        }
    }

    @Inject
    IdentityLinks identities;

    @Context
    SecurityContext security;

    @GET
    public Map<String, Object> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) throw ApiError.badRequest("limit must be 1-1000");
        return Map.of("items", identities.unmatched(limit));
    }

    @POST
    @Path("link")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> link(KeyRequest request) {
        if (request == null || request.accountId() == null) throw ApiError.badRequest("accountId is required");
        try {
            int moved = identities.link(request.key(), request.accountId(), security.getUserPrincipal().getName());
            return Map.of("accountId", request.accountId(), "signalsMoved", moved);
        } catch (IllegalArgumentException e) {
            throw new ApiError(409, "conflict", e.getMessage());
        }
    }

    @POST
    @Path("create")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Map<String, Object> create(KeyRequest request) {
        if (request == null) throw ApiError.badRequest("a JSON body with kind and value is required");
        try {
            return Map.of("accountId", identities.create(request.key(), request.name(), security.getUserPrincipal().getName()));
        } catch (IllegalArgumentException e) {
            throw new ApiError(409, "conflict", e.getMessage());
        }
    }
}
