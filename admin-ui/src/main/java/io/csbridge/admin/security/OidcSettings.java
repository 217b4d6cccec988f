package io.csbridge.admin.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.admin.Roles;
import org.eclipse.microprofile.config.Config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Single sign-on through the company's OpenID Connect provider, on when {@code admin.oidc.provider-url},
 * {@code admin.oidc.client-id} and {@code admin.oidc.client-secret} are set. Roles come from the ID
 * token's groups claim ({@code admin.oidc.groups-claim}, default {@code groups}; a dotted path such as
 * {@code realm_access.roles} reaches into an object): a member of one of {@code admin.oidc.admin-groups}
 * (default {@code cs-admin}) is a cs-admin, of {@code admin.oidc.viewer-groups} (default {@code cs-viewer})
 * a cs-viewer. The built-in users (login form, HTTP Basic) keep working beside it.
 */
record OidcSettings(String providerUrl, String clientId, String clientSecret, String groupsClaim,
                    Set<String> adminGroups, Set<String> viewerGroups, Optional<String> redirectUri,
                    String usernameClaim, String scope) {

    static Optional<OidcSettings> from(Config config) {
        Optional<String> url = value(config, "admin.oidc.provider-url");
        Optional<String> id = value(config, "admin.oidc.client-id");
        Optional<String> secret = value(config, "admin.oidc.client-secret");
        if (url.isEmpty() || id.isEmpty() || secret.isEmpty()) return Optional.empty();
        String provider = url.get().endsWith("/") ? url.get().substring(0, url.get().length() - 1) : url.get();
        return Optional.of(new OidcSettings(provider, id.get(), secret.get(),
                value(config, "admin.oidc.groups-claim").orElse("groups"),
                list(value(config, "admin.oidc.admin-groups").orElse(Roles.ADMIN)),
                list(value(config, "admin.oidc.viewer-groups").orElse(Roles.VIEWER)),
                value(config, "admin.oidc.redirect-uri"),
                value(config, "admin.oidc.username-claim").orElse("preferred_username"),
                value(config, "admin.oidc.scope").orElse("openid profile email")));
    }

    private static Optional<String> value(Config config, String name) {
        return config.getOptionalValue(name, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static Set<String> list(String value) {
        Set<String> out = new LinkedHashSet<>();
        Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add);
        return out;
    }

    /** The CS Bridge roles the token's groups give; empty when none of them is mapped. */
    Set<String> roles(JsonNode claims) {
        JsonNode groups = claims;
        for (String part : groupsClaim.split("\\.")) groups = groups.path(part);
        List<String> names = groups.isArray()
                ? java.util.stream.StreamSupport.stream(groups.spliterator(), false).map(JsonNode::asText).toList()
                : groups.isTextual() ? Arrays.stream(groups.asText().split("[,\\s]+")).toList() : List.of();
        Set<String> roles = new LinkedHashSet<>();
        if (names.stream().anyMatch(adminGroups::contains)) roles.add(Roles.ADMIN);
        if (names.stream().anyMatch(viewerGroups::contains)) roles.add(Roles.VIEWER);
        return roles;
    }

    /** Who the person is: the username claim, else e-mail, else the subject. */
    String username(JsonNode claims) {
        for (String claim : List.of(usernameClaim, "email", "sub")) {
            if (claims.path(claim).isTextual() && !claims.path(claim).asText().isBlank()) return claims.path(claim).asText();
        }
        return null;
    }
}
