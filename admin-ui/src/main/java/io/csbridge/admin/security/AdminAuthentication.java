package io.csbridge.admin.security;

import io.csbridge.app.users.AdminAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;

/**
 * The one way into {@code /admin}. Programs use HTTP Basic (an {@code Authorization} header, or a 401
 * Basic challenge on {@code /api/*}); people log in on the login page ({@code POST /login}) and are then
 * known by their session until they log out ({@code POST /logout}) or it times out. A session is
 * re-checked against the user table on every protected request, so a removed user is out at once.
 * People may instead log in through the company's OpenID Connect provider ({@link SingleSignOn},
 * {@code /oidc/login}); such a session keeps the roles the provider's groups gave.
 * Passwords are checked by {@link PasswordLogins}: too many failures are answered 429 with Retry-After.
 * Behind a proxy listed in {@code admin.trusted-proxies}, the client's address and HTTPS are taken from
 * its {@code X-Forwarded-*} headers ({@link TrustedProxies}); a session started over HTTPS gets a
 * {@code Secure} cookie.
 */
@ApplicationScoped
public class AdminAuthentication implements HttpAuthenticationMechanism {

    static final String REALM = "CS Bridge";

    @Inject
    PasswordLogins logins;

    @Inject
    AdminAccounts users;

    @Inject
    SingleSignOn singleSignOn;

    @Inject
    @ConfigProperty(name = "admin.trusted-proxies")
    Optional<String> trustedProxies;

    private volatile TrustedProxies proxies;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod()) && "/login".equals(path)) return login(request, response, context);
        if ("POST".equals(request.getMethod()) && "/logout".equals(path)) return logout(request, response, context);
        if ("GET".equals(request.getMethod()) && "/oidc/login".equals(path)) {
            return singleSignOn.start(request, context, proxies().overHttps(request));
        }
        if ("GET".equals(request.getMethod()) && "/oidc/callback".equals(path)) {
            return singleSignOn.callback(request, response, context, proxies().overHttps(request));
        }

        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim(), request, response, context);
        }
        if (!context.isProtected()) return context.doNothing();

        var session = BrowserSession.of(request);
        var sso = BrowserSession.singleSignOnRoles(request);
        if (session.isPresent() && sso.isPresent()) {
            return context.notifyContainerAboutLogin(session.get().username(), sso.get());
        }
        if (session.isPresent()) {
            var user = users.find(session.get().username());
            if (user.isPresent()) return context.notifyContainerAboutLogin(user.get().username(), user.get().roles());
            BrowserSession.end(request);
        }
        if (path.startsWith("/api/")) {
            // The UI's own calls get a bare 401 (it shows the login page); programs get the Basic challenge.
            if (request.getHeader(BrowserSession.UI_HEADER) == null) {
                response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            }
            return context.responseUnauthorized();
        }
        String query = request.getQueryString();
        return context.redirect(request.getContextPath() + "/login.html?next="
                + URLEncoder.encode(path + (query == null ? "" : "?" + query), StandardCharsets.UTF_8));
    }

    private AuthenticationStatus basic(String encoded, HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon > 0) {
            var outcome = logins.check(decoded.substring(0, colon), decoded.substring(colon + 1).toCharArray(),
                    proxies().clientAddress(request));
            if (outcome instanceof PasswordLogins.Valid valid) {
                return context.notifyContainerAboutLogin(valid.username(), new HashSet<>(valid.roles()));
            }
            if (outcome instanceof PasswordLogins.Throttled throttled) {
                return tooManyAttempts(response, throttled, "application/json", "{\"error\":\"too_many_attempts\","
                        + "\"detail\":\"too many failed logins; try again after " + seconds(throttled) + " seconds\"}");
            }
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }

    private AuthenticationStatus login(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        String next = safeNext(request.getParameter("next"));
        if (crossSite(request)) return context.responseNotFound();
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        if (username != null && password != null && !username.isBlank()) {
            var outcome = logins.check(username, password.toCharArray(), proxies().clientAddress(request));
            if (outcome instanceof PasswordLogins.Valid valid) {
                BrowserSession.start(request, valid.username());
                if (proxies().overHttps(request)) SessionCookie.secure(request, response, request.getSession(false));
                return context.redirect(request.getContextPath() + next);
            }
            if (outcome instanceof PasswordLogins.Throttled throttled) {
                return tooManyAttempts(response, throttled, "text/html", "<!DOCTYPE html><title>CS Bridge</title>"
                        + "<p>Too many failed logins. Try again in " + seconds(throttled) + " seconds.</p>"
                        + "<p><a href=\"login.html\">Log in</a></p>");
            }
        }
        return context.redirect(request.getContextPath() + "/login.html?error=1&next="
                + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    /** 429 with Retry-After: the password was not even checked. The response is sent, as for a redirect. */
    private static AuthenticationStatus tooManyAttempts(HttpServletResponse response, PasswordLogins.Throttled throttled,
                                                        String type, String body) {
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds(throttled)));
        response.setHeader("Cache-Control", "no-store");
        response.setContentType(type);
        response.setCharacterEncoding("UTF-8");
        try {
            // Written and closed: the exchange is complete, so the container neither replaces the body
            // with its error page nor tries to (which would fail on a committed response).
            response.getWriter().write(body);
            response.getWriter().close();
        } catch (IOException clientGone) {
            // the status is what matters
        }
        return AuthenticationStatus.SEND_CONTINUE;
    }

    static long seconds(PasswordLogins.Throttled throttled) {
        return Math.max(1, (throttled.retryAfter().toMillis() + 999) / 1000);
    }

    private TrustedProxies proxies() {
        TrustedProxies p = proxies;
        if (p == null) proxies = p = TrustedProxies.of(trustedProxies.orElse(""));
        return p;
    }

    private AuthenticationStatus logout(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        var session = BrowserSession.of(request);
        if (session.isPresent() && !session.get().acceptsToken(request.getParameter("csrf"))) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            return AuthenticationStatus.SEND_FAILURE;
        }
        BrowserSession.end(request);
        return context.redirect(request.getContextPath() + "/login.html?out=1");
    }

    /** Where to go after logging in: a path inside /admin only, never another site. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith("/login") || next.startsWith("/logout") || next.length() > 500
                || next.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            return "/";
        }
        return next;
    }

    /** A browser says when a request was made by another site's page: such a login is refused. */
    static boolean crossSite(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        return site != null && site.toLowerCase(Locale.ROOT).equals("cross-site");
    }
}
