package io.csbridge.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Response;
import io.csbridge.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Mints and caches the access token. Salesforce gives no refresh token to these flows: a token is
 * used until a call answers 401 INVALID_SESSION_ID, then a new one is minted. JWT bearer is used when
 * a username and private key are configured, client-credentials otherwise.
 */
final class SalesforceTokens {

    /** What a token call gives: the bearer token and the host to send data calls to. */
    record Session(String accessToken, URI instanceUrl) {
        @Override
        public String toString() {
            return "Session[" + instanceUrl + "]"; // never the token
        }
    }

    /** The login host refused the credentials, or could not be reached. */
    static final class TokenException extends RuntimeException {
        final boolean retryable;

        TokenException(String message, boolean retryable) {
            super(message);
            this.retryable = retryable;
        }
    }

    private final SalesforceSettings settings;
    private final SalesforceApi.OAuth oauth;
    private final Clock clock;
    private volatile Session current;
    private PrivateKey key;

    SalesforceTokens(SalesforceSettings settings, SalesforceApi.OAuth oauth, Clock clock) {
        this.settings = settings;
        this.oauth = oauth;
        this.clock = clock;
    }

    Session session() {
        Session s = current;
        return s != null ? s : mint(null);
    }

    /** Mints a new token unless another thread already replaced {@code stale}. */
    synchronized Session mint(Session stale) {
        if (current != null && current != stale) return current;
        Map<String, String> form = new LinkedHashMap<>();
        if (settings.jwtBearer()) {
            form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
            form.put("assertion", assertion());
        } else {
            form.put("grant_type", "client_credentials");
            form.put("client_id", settings.clientId().orElseThrow());
            form.put("client_secret", settings.clientSecret().orElseThrow());
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try (Response response = oauth.token(URI.create(settings.loginUrl()), body)) {
            JsonNode json = SalesforceRest.readJson(response);
            if (response.status() != 200 || !json.hasNonNull("access_token") || !json.hasNonNull("instance_url")) {
                // invalid_client, invalid_grant ...: the error code and description never contain the secret
                String error = json.path("error").asText("http " + response.status()) + ": "
                        + json.path("error_description").asText("");
                throw new TokenException("Salesforce token refused: " + error, response.status() >= 500);
            }
            current = new Session(json.get("access_token").asText(), URI.create(json.get("instance_url").asText()));
            return current;
        } catch (IOException | feign.RetryableException e) {
            throw new TokenException("Salesforce login host unreachable: " + e.getMessage(), true);
        }
    }

    /** RS256 JWT: iss = consumer key, sub = username, aud = login host, exp = 3 minutes from now. */
    String assertion() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", settings.clientId().orElseThrow());
        claims.put("sub", settings.username().orElseThrow());
        claims.put("aud", settings.loginUrl());
        claims.put("exp", clock.instant().getEpochSecond() + 180);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"RS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey());
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new TokenException("salesforce.private-key cannot sign: " + e.getClass().getSimpleName(), false);
        }
    }

    private synchronized PrivateKey privateKey() throws GeneralSecurityException {
        if (key == null) key = parsePem(settings.privateKey().orElseThrow());
        return key;
    }

    /** PKCS#8 ("PRIVATE KEY") or PKCS#1 ("RSA PRIVATE KEY") PEM text, or the path of a file holding it. */
    static PrivateKey parsePem(String pemOrPath) throws GeneralSecurityException {
        String pem = pemOrPath;
        if (!pem.contains("-----BEGIN")) {
            try {
                pem = Files.readString(Path.of(pemOrPath.trim()));
            } catch (IOException | RuntimeException e) {
                throw new GeneralSecurityException("salesforce.private-key is neither PEM text nor a readable file");
            }
        }
        boolean pkcs1 = pem.contains("BEGIN RSA PRIVATE KEY");
        String base64 = pem.replaceAll("-----(BEGIN|END)[A-Z ]+-----", "").replaceAll("\\\\n", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(base64);
        if (pkcs1) der = pkcs1ToPkcs8(der);
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    /** Wraps a PKCS#1 RSAPrivateKey in the PKCS#8 PrivateKeyInfo the JDK reads. */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01,
                0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = concat(new byte[]{0x04}, length(pkcs1.length), pkcs1);
        byte[] content = concat(version, algorithm, octets);
        return concat(new byte[]{0x30}, length(content.length), content);
    }

    private static byte[] length(int n) {
        if (n < 0x80) return new byte[]{(byte) n};
        if (n < 0x100) return new byte[]{(byte) 0x81, (byte) n};
        if (n < 0x10000) return new byte[]{(byte) 0x82, (byte) (n >> 8), (byte) n};
        return new byte[]{(byte) 0x83, (byte) (n >> 16), (byte) (n >> 8), (byte) n};
    }

    private static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] p : parts) size += p.length;
        byte[] out = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
