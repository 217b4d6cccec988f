package io.csbridge.admin.security;

import io.csbridge.app.users.AdminAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * The one way into {@code /admin}. Programs use HTTP Basic (an {@code Authorization} header, or a 401
 * Basic challenge on {@code /api/*}); people log in on the login page ({@code POST /login}) and are then
 * known by their session until they log out ({@code POST /logout}) or it times out. A session is
 * re-checked against the user table on every protected request, so a removed user is out at once.
 */
@ApplicationScoped
public class AdminAuthentication implements HttpAuthenticationMechanism {

    static final String REALM = "CS Bridge";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    AdminAccounts users;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if ("POST".equals(request.getMethod()) && "/login".equals(path)) return login(request, context);
        if ("POST".equals(request.getMethod()) && "/logout".equals(path)) return logout(request, response, context);

        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim(), response, context);
        }
        if (!context.isProtected()) return context.doNothing();

        var session = BrowserSession.of(request);
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

    private AuthenticationStatus basic(String encoded, HttpServletResponse response, HttpMessageContext context) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        int colon = decoded.indexOf(':');
        if (colon > 0) {
            CredentialValidationResult result = identityStores.validate(
                    new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1)));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                return context.notifyContainerAboutLogin(result);
            }
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        return context.responseUnauthorized();
    }

    private AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context) {
        String next = safeNext(request.getParameter("next"));
        if (crossSite(request)) return context.responseNotFound();
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        if (username != null && password != null && !username.isBlank()) {
            CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(username, password));
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                BrowserSession.start(request, result.getCallerPrincipal().getName());
                return context.redirect(request.getContextPath() + next);
            }
        }
        return context.redirect(request.getContextPath() + "/login.html?error=1&next="
                + URLEncoder.encode(next, StandardCharsets.UTF_8));
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
