package io.csbridge.admin.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * A person logged in through the login page: who, and the per-session CSRF token the UI sends back in
 * {@value #CSRF_HEADER} with every change. Programs using HTTP Basic have no such session.
 */
public record BrowserSession(String username, String csrfToken) {

    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Sent by the UI's own API calls: an expired session then gets a plain 401, not a Basic prompt. */
    public static final String UI_HEADER = "X-CSBridge-UI";

    private static final String USER = "csbridge.user";
    private static final String TOKEN = "csbridge.csrf";
    private static final String SSO_ROLES = "csbridge.sso-roles";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Starts a session for {@code username} under a new session id (no fixation), with a fresh token. */
    static BrowserSession start(HttpServletRequest request, String username) {
        HttpSession old = request.getSession(false);
        if (old != null) old.invalidate();
        HttpSession session = request.getSession(true);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(USER, username);
        session.setAttribute(TOKEN, token);
        return new BrowserSession(username, token);
    }

    /**
     * Starts a session for a person the company's identity provider vouched for, with the roles its
     * groups gave at login (kept for the session: log in again to pick up changed groups).
     */
    static BrowserSession startSingleSignOn(HttpServletRequest request, String username, Set<String> roles) {
        BrowserSession started = start(request, username);
        request.getSession(false).setAttribute(SSO_ROLES, Set.copyOf(roles));
        return started;
    }

    /** The roles of a single sign-on session; empty for a built-in user's session (read from the user table). */
    @SuppressWarnings("unchecked")
    static Optional<Set<String>> singleSignOnRoles(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        try {
            Object roles = session == null ? null : session.getAttribute(SSO_ROLES);
            return roles instanceof Set<?> set ? Optional.of((Set<String>) set) : Optional.empty();
        } catch (IllegalStateException invalidated) {
            return Optional.empty();
        }
    }

    public static Optional<BrowserSession> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) return Optional.empty();
        try {
            Object user = session.getAttribute(USER);
            Object token = session.getAttribute(TOKEN);
            if (user instanceof String u && token instanceof String t) return Optional.of(new BrowserSession(u, t));
        } catch (IllegalStateException invalidated) {
            // the session ended between the two calls
        }
        return Optional.empty();
    }

    static void end(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException alreadyInvalid) {
                // nothing left to end
            }
        }
    }

    /** Constant-time comparison of the token the request carries with this session's. */
    public boolean acceptsToken(String presented) {
        return presented != null && MessageDigest.isEqual(
                presented.getBytes(StandardCharsets.UTF_8), csrfToken.getBytes(StandardCharsets.UTF_8));
    }

    /** Methods that change something and so need the token. */
    public static boolean changes(String method) {
        return !Set.of("GET", "HEAD", "OPTIONS", "TRACE").contains(method);
    }
}
