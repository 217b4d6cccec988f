package io.csbridge.admin;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The admin JSON API at {@code /admin/api}: HTTP Basic for programs, the login session for the UI
 * (both in {@link io.csbridge.admin.security.AdminAuthentication}) against CS Bridge's own users.
 */
@ApplicationPath("/api")
@ApplicationScoped
@DeclareRoles({Roles.ADMIN, Roles.VIEWER})
public class AdminApi extends Application {
}
