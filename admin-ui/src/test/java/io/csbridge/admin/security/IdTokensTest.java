package io.csbridge.admin.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdTokensTest {

    static final String ISSUER = "https://idp.example.com/realms/corp";
    static final String CLIENT = "cs-bridge-admin";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final KeyPair key = rsa();
    final KeyPair stranger = rsa();
    final OidcProvider provider = new OidcProvider(ISSUER, Map.of("k1", key.getPublic()));

    static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    Map<String, Object> claims() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("iss", ISSUER);
        c.put("aud", CLIENT);
        c.put("sub", "ada");
        c.put("exp", NOW.getEpochSecond() + 300);
        c.put("iat", NOW.getEpochSecond() - 5);
        c.put("nonce", "n-1");
        c.put("groups", List.of("cs-admin"));
        return c;
    }

    String token(Map<String, Object> claims, KeyPair signer, String alg) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head = b64.encodeToString(Json.write(Map.of("alg", alg, "kid", "k1", "typ", "JWT")).getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(signer.getPrivate());
        s.update((head + "." + body).getBytes(StandardCharsets.US_ASCII));
        return head + "." + body + "." + b64.encodeToString(s.sign());
    }

    JsonNode verify(String token) throws Exception {
        return IdTokens.verify(token, provider, CLIENT, "n-1", clock);
    }

    @Test
    void aTokenSignedByTheProviderForThisClientAndLoginIsAccepted() throws Exception {
        assertThat(verify(token(claims(), key, "RS256")).path("sub").asText()).isEqualTo("ada");
    }

    @Test
    void aForgedSignatureAnotherKeyOrAlgNoneIsRefused() throws Exception {
        String good = token(claims(), key, "RS256");
        String[] parts = good.split("\\.");
        Map<String, Object> more = claims();
        more.put("groups", List.of("cs-admin", "root"));
        String swapped = parts[0] + "." + token(more, key, "RS256").split("\\.")[1] + "." + parts[2];
        assertThatThrownBy(() -> verify(swapped)).hasMessage("bad signature");
        assertThatThrownBy(() -> verify(token(claims(), stranger, "RS256"))).hasMessage("bad signature");
        assertThatThrownBy(() -> verify(parts[0].replace(parts[0], Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8))) + "." + parts[1] + "."))
                .hasMessageContaining("not accepted");
    }

    @Test
    void anotherIssuerAudienceOrNonceOrAnExpiredTokenIsRefused() {
        for (Map.Entry<String, Object> wrong : List.of(Map.entry("iss", (Object) "https://evil.example.com"),
                Map.entry("aud", (Object) "another-app"), Map.entry("nonce", (Object) "replayed"),
                Map.entry("exp", (Object) (NOW.getEpochSecond() - 120)))) {
            Map<String, Object> c = claims();
            c.put(wrong.getKey(), wrong.getValue());
            assertThatThrownBy(() -> verify(token(c, key, "RS256"))).as(wrong.getKey()).isInstanceOf(IdTokens.Invalid.class);
        }
    }

    @Test
    void rolesComeFromTheConfiguredGroupsClaimAndUnmappedGroupsGiveNone() throws Exception {
        OidcSettings settings = new OidcSettings(ISSUER, CLIENT, "s", "realm_access.roles", java.util.Set.of("cs-admin", "CS Admins"),
                java.util.Set.of("cs-viewer"), Optional.empty(), "preferred_username", "openid");
        assertThat(settings.roles(Json.MAPPER.readTree("{\"realm_access\":{\"roles\":[\"CS Admins\",\"x\"]}}"))).containsExactly("cs-admin");
        assertThat(settings.roles(Json.MAPPER.readTree("{\"realm_access\":{\"roles\":\"x cs-viewer\"}}"))).containsExactly("cs-viewer");
        assertThat(settings.roles(Json.MAPPER.readTree("{\"realm_access\":{\"roles\":[\"sales\"]}}"))).isEmpty();
        assertThat(settings.roles(Json.MAPPER.readTree("{\"groups\":[\"cs-admin\"]}"))).as("another claim").isEmpty();
    }
}
