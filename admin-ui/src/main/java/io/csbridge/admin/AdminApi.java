package io.csbridge.admin;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The admin JSON API at {@code /admin/api}; HTTP Basic against CS Bridge's own users. */
@ApplicationPath("/api")
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = "CS Bridge")
@DeclareRoles({Roles.ADMIN, Roles.VIEWER})
public class AdminApi extends Application {
}
