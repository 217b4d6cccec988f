package io.csbridge.webhooks.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The {@code /hooks} WAR's Jakarta Security mechanism: no container login at all. Senders are
 * authenticated by their signatures (the verifiers in this package), never by a user.
 * <p>
 * It must exist because Jakarta Security (Soteria) is switched on per EAR: once the admin WAR declares
 * an {@link HttpAuthenticationMechanism} bean, Soteria installs its authentication module in every web
 * module of the EAR, and in this WAR, which cannot see the admin WAR's bean, each request then failed
 * with a NullPointerException (HTTP 500) before reaching a resource. This bean is only visible here,
 * so the admin WAR's own mechanism is unaffected.
 */
@ApplicationScoped
public class NoContainerLogin implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return context.doNothing();
    }
}
