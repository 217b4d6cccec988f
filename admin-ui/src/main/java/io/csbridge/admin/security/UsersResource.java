package io.csbridge.admin.security;

import io.csbridge.admin.ApiError;
import io.csbridge.admin.Roles;
import io.csbridge.app.users.AdminAccounts;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code /admin/api/users}: administrators add people as cs-admin or cs-viewer, see whether someone is
 * locked out after failed logins ({@code GET /users/{name}/lockout}) and lift it ({@code DELETE}, audited).
 */
@Path("users")
@Produces(MediaType.APPLICATION_JSON)
@RequestScoped
@RolesAllowed(Roles.ADMIN)
public class UsersResource {

    /** A new user; the password is hashed at once and never stored or echoed in clear. */
    public record NewUser(String username, String password, Set<String> roles) {
    }

    @Inject
    AdminAccounts users;

    @Inject
    PasswordLogins logins;

    @Context
    SecurityContext security;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> add(NewUser user) {
        if (user == null || user.username() == null || !user.username().matches("[A-Za-z0-9._@-]{1,100}")) {
            throw ApiError.badRequest("username: 1-100 letters, digits, '.', '_', '@' or '-'");
        }
        if (user.password() == null || user.password().length() < 12) {
            throw ApiError.badRequest("password: at least 12 characters");
        }
        Set<String> roles = new LinkedHashSet<>(user.roles() == null ? Set.of(Roles.VIEWER) : user.roles());
        if (roles.isEmpty() || !Set.of(Roles.ADMIN, Roles.VIEWER).containsAll(roles)) {
            throw ApiError.badRequest("roles: cs-admin and/or cs-viewer");
        }
        users.save(user.username(), PasswordHash.of(user.password().toCharArray()), roles, security.getUserPrincipal().getName());
        logins.forget(user.username());
        return Map.of("username", user.username(), "roles", roles);
    }

    /** Whether {@code name} is locked out after failed logins, and until when. */
    @GET
    @Path("{name}/lockout")
    public Map<String, Object> lockout(@PathParam("name") String name) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", name);
        var until = logins.lockedUntil(name);
        out.put("locked", until.isPresent());
        out.put("until", until.map(Object::toString).orElse(null));
        return out;
    }

    /** Lifts {@code name}'s lockout and forgets their failed logins (this server's count); audited. */
    @DELETE
    @Path("{name}/lockout")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> lift(@PathParam("name") String name) {
        boolean had = logins.liftLockout(name);
        users.lockoutLifted(name, security.getUserPrincipal().getName());
        return Map.of("username", name, "lifted", had);
    }
}
