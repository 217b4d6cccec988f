package io.csbridge.admin.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * Checks an OpenID Connect ID token as the spec asks of a client (OIDC Core 3.1.3.7): signed by the
 * provider (RS256/384/512 with a key from its JWKS; "none" and HMAC refused), issued by it, for this
 * client, not expired, not from the future, carrying the nonce this login sent. Returns its claims.
 */
final class IdTokens {

    static final Duration SKEW = Duration.ofSeconds(60);
    private static final Map<String, String> ALGORITHMS = Map.of(
            "RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA");

    /** Why a token was refused; the message never holds the token. */
    static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason);
        }
    }

    private IdTokens() {
    }

    static JsonNode verify(String token, OidcProvider provider, String clientId, String nonce, Clock clock)
            throws Invalid, IOException, InterruptedException {
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) throw new Invalid("not a signed JWT");
        JsonNode header = part(parts[0]);
        JsonNode claims = part(parts[1]);
        String algorithm = ALGORITHMS.get(header.path("alg").asText());
        if (algorithm == null) throw new Invalid("signature algorithm " + header.path("alg").asText() + " not accepted");
        PublicKey key = provider.key(header.path("kid").isTextual() ? header.get("kid").asText() : null)
                .orElseThrow(() -> new Invalid("signed with a key the provider does not publish"));
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initVerify(key);
            signature.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!signature.verify(Base64.getUrlDecoder().decode(parts[2]))) throw new Invalid("bad signature");
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Invalid("bad signature");
        }
        if (!provider.issuer.equals(claims.path("iss").asText())) throw new Invalid("issued by " + claims.path("iss").asText());
        JsonNode aud = claims.path("aud");
        boolean forUs = aud.isTextual() ? aud.asText().equals(clientId)
                : aud.isArray() && java.util.stream.StreamSupport.stream(aud.spliterator(), false).anyMatch(a -> a.asText().equals(clientId));
        if (!forUs) throw new Invalid("not issued for this client");
        if (aud.isArray() && aud.size() > 1 && !clientId.equals(claims.path("azp").asText(clientId))) {
            throw new Invalid("authorized party is not this client");
        }
        long now = clock.instant().getEpochSecond();
        if (!claims.path("exp").canConvertToLong() || claims.path("exp").asLong() + SKEW.toSeconds() < now) throw new Invalid("expired");
        if (claims.path("iat").canConvertToLong() && claims.path("iat").asLong() - SKEW.toSeconds() > now) throw new Invalid("issued in the future");
        if (nonce == null || !MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
                claims.path("nonce").asText("").getBytes(StandardCharsets.UTF_8))) {
            throw new Invalid("nonce does not match this login");
        }
        return claims;
    }

    private static JsonNode part(String encoded) throws Invalid {
        try {
            return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(encoded));
        } catch (IOException | IllegalArgumentException e) {
            throw new Invalid("unreadable JWT");
        }
    }
}
