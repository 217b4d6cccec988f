package io.csbridge.admin.security;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * OpenID Connect login (authorization code flow with PKCE, a client secret, state and nonce) for
 * people: {@code GET /admin/oidc/login?next=...} sends the browser to the provider; the provider sends
 * it back to {@code /admin/oidc/callback}, where the code is redeemed, the ID token checked
 * ({@link IdTokens}) and a session started with the roles its groups give ({@link OidcSettings}).
 * Done in the application rather than by WildFly's elytron-oidc-client: see docs/ARCHITECTURE.md.
 */
@ApplicationScoped
public class SingleSignOn {

    private static final Logger LOG = Logger.getLogger(SingleSignOn.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PENDING = "csbridge.oidc.pending";

    /** What the callback must match, kept in the session between the two legs. */
    record Pending(String state, String nonce, String verifier, String redirectUri, String next) {
    }

    @Inject
    Config config;

    @Inject
    Clock clock;

    private final Map<String, OidcProvider> providers = new ConcurrentHashMap<>();

    public boolean enabled() {
        return OidcSettings.from(config).isPresent();
    }

    AuthenticationStatus start(HttpServletRequest request, HttpMessageContext context, boolean overHttps) {
        Optional<OidcSettings> settings = OidcSettings.from(config);
        if (settings.isEmpty()) return back(request, context, "off");
        try {
            OidcProvider provider = provider(settings.get());
            String redirectUri = settings.get().redirectUri().orElseGet(() -> (overHttps ? "https" : request.getScheme())
                    + "://" + request.getServerName() + ":" + request.getServerPort() + request.getContextPath() + "/oidc/callback");
            Pending pending = new Pending(random(), random(), random(), redirectUri,
                    AdminAuthentication.safeNext(request.getParameter("next")));
            HttpSession old = request.getSession(false);
            if (old != null) old.invalidate();
            request.getSession(true).setAttribute(PENDING, pending);
            String url = provider.authorizationEndpoint + (provider.authorizationEndpoint.contains("?") ? "&" : "?")
                    + "response_type=code&client_id=" + enc(settings.get().clientId()) + "&redirect_uri=" + enc(redirectUri)
                    + "&scope=" + enc(settings.get().scope()) + "&state=" + pending.state() + "&nonce=" + pending.nonce()
                    + "&code_challenge=" + challenge(pending.verifier()) + "&code_challenge_method=S256";
            return context.redirect(url);
        } catch (IOException | RuntimeException e) {
            LOG.warning("single sign-on: the provider cannot be reached or described: " + e.getMessage());
            return back(request, context, "failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return back(request, context, "failed");
        }
    }

    AuthenticationStatus callback(HttpServletRequest request, HttpServletResponse response, HttpMessageContext context,
                                  boolean overHttps) {
        Optional<OidcSettings> settings = OidcSettings.from(config);
        HttpSession session = request.getSession(false);
        Object stored = session == null ? null : session.getAttribute(PENDING);
        if (settings.isEmpty() || !(stored instanceof Pending pending)) return back(request, context, "failed");
        session.removeAttribute(PENDING);
        String state = request.getParameter("state");
        String code = request.getParameter("code");
        if (state == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8), pending.state().getBytes(StandardCharsets.UTF_8))
                || code == null || code.isBlank()) {
            LOG.warning("single sign-on refused: " + (request.getParameter("error") != null
                    ? "the provider answered " + request.getParameter("error") : "state does not match this login"));
            return back(request, context, "failed");
        }
        try {
            OidcProvider provider = provider(settings.get());
            JsonNode tokens = provider.redeem(settings.get(), code, pending.redirectUri(), pending.verifier());
            JsonNode claims = IdTokens.verify(tokens.path("id_token").asText(null), provider,
                    settings.get().clientId(), pending.nonce(), clock);
            String username = settings.get().username(claims);
            Set<String> roles = settings.get().roles(claims);
            if (username == null || roles.isEmpty()) {
                LOG.info("single sign-on: " + username + " has no group mapped to a CS Bridge role ("
                        + settings.get().groupsClaim() + ")");
                return back(request, context, "denied");
            }
            BrowserSession.startSingleSignOn(request, username, roles);
            if (overHttps) SessionCookie.secure(request, response, request.getSession(false));
            LOG.info("single sign-on: " + username + " logged in as " + roles);
            return context.redirect(request.getContextPath() + pending.next());
        } catch (IdTokens.Invalid | IOException | RuntimeException e) {
            LOG.warning("single sign-on refused: " + e.getMessage());
            return back(request, context, "failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return back(request, context, "failed");
        }
    }

    private OidcProvider provider(OidcSettings settings) throws IOException, InterruptedException {
        OidcProvider known = providers.get(settings.providerUrl());
        if (known != null) return known;
        OidcProvider found = OidcProvider.discover(settings.providerUrl());
        providers.put(settings.providerUrl(), found);
        return found;
    }

    private static AuthenticationStatus back(HttpServletRequest request, HttpMessageContext context, String why) {
        return context.redirect(request.getContextPath() + "/login.html?sso=" + why);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
