package io.csbridge.admin.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.json.Json;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One OpenID Connect provider as its discovery document describes it
 * ({@code <provider-url>/.well-known/openid-configuration}): where to send people, where to redeem a
 * code, and its signing keys (JWKS, read again when a token names a key not seen yet).
 */
final class OidcProvider {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    final String issuer;
    final String authorizationEndpoint;
    final String tokenEndpoint;
    private final String jwksUri;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    private OidcProvider(JsonNode discovery) {
        this.issuer = discovery.path("issuer").asText();
        this.authorizationEndpoint = discovery.path("authorization_endpoint").asText();
        this.tokenEndpoint = discovery.path("token_endpoint").asText();
        this.jwksUri = discovery.path("jwks_uri").asText();
        if (issuer.isEmpty() || authorizationEndpoint.isEmpty() || tokenEndpoint.isEmpty() || jwksUri.isEmpty()) {
            throw new IllegalStateException("the provider's discovery document lacks issuer, endpoints or jwks_uri");
        }
    }

    /** A provider known without discovery (tests): its issuer and signing keys by kid. */
    OidcProvider(String issuer, Map<String, PublicKey> keys) {
        this.issuer = issuer;
        this.authorizationEndpoint = issuer + "/authorize";
        this.tokenEndpoint = issuer + "/token";
        this.jwksUri = issuer + "/jwks";
        this.keys.putAll(keys);
    }

    static OidcProvider discover(String providerUrl) throws IOException, InterruptedException {
        return new OidcProvider(get(providerUrl + "/.well-known/openid-configuration"));
    }

    /** The RSA key the provider signs with under {@code kid} (any of its RSA keys when kid is absent). */
    Optional<PublicKey> key(String kid) throws IOException, InterruptedException {
        String id = kid == null ? "" : kid;
        if (!keys.containsKey(id)) {
            for (JsonNode jwk : get(jwksUri).path("keys")) {
                if (!"RSA".equals(jwk.path("kty").asText()) || "enc".equals(jwk.path("use").asText())) continue;
                PublicKey key = rsa(jwk);
                keys.put(jwk.path("kid").asText(""), key);
                keys.putIfAbsent("", key);
            }
        }
        return Optional.ofNullable(keys.get(id));
    }

    /** Redeems an authorization code (client_secret_basic, PKCE verifier): the token response. */
    JsonNode redeem(OidcSettings settings, String code, String redirectUri, String verifier)
            throws IOException, InterruptedException {
        String form = Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", redirectUri,
                        "code_verifier", verifier).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String basic = URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            // The error code only: the body may echo what was sent.
            String error = Json.MAPPER.readTree(response.body().isBlank() ? "{}" : response.body()).path("error").asText("");
            throw new IOException("token endpoint answered " + response.statusCode() + " " + error);
        }
        return Json.MAPPER.readTree(response.body());
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IOException(url + " answered " + response.statusCode());
        return Json.MAPPER.readTree(response.body());
    }

    private static PublicKey rsa(JsonNode jwk) {
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
                    new BigInteger(1, b64.decode(jwk.path("n").asText())), new BigInteger(1, b64.decode(jwk.path("e").asText()))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("unusable RSA key in the provider's JWKS", e);
        }
    }
}
