package io.csbridge.webhooks.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Webhook senders do not log in: each endpoint checks its sender's signature itself. The EAR uses
 * Jakarta Security (for the admin WAR), which then also asks this WAR for a mechanism; this one lets
 * every request through unauthenticated, so the signature checks are the only gate.
 */
@ApplicationScoped
public class SignaturesNotLogins implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        return context.doNothing();
    }
}
