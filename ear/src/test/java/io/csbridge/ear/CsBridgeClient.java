package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Predicate;

/** Talks to the running server over HTTP, as the product, a vendor or an administrator would. */
public final class CsBridgeClient {

    /** The test server's HTTP port: 8080 plus {@code it.port-offset} (set by the build, 0 unless asked). */
    public static final String BASE = "http://127.0.0.1:" + (8080 + Integer.getInteger("it.port-offset", 0));
    /** The test server's management port (readiness, liveness). */
    public static final String MANAGEMENT = "http://127.0.0.1:" + Integer.getInteger("it.management-port", 9990);
    public static final String USAGE_SECRET = "it-usage-secret";
    public static final String ADMIN = "it-admin";
    public static final String ADMIN_PASSWORD = "it-admin-password";
    static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP answer: status and body. */
    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Answer postUsage(String body) {
        return postUsage(body, sign(body));
    }

    public Answer postUsage(String body, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + "/hooks/usage"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) request.header("X-Signature", signature);
        return send(request.build());
    }

    public Answer admin(String path) {
        return admin(path, ADMIN, ADMIN_PASSWORD);
    }

    public Answer admin(String path, String user, String password) {
        return send(adminGet(path, user, password).build());
    }

    /** As {@link #admin(String)}, for a reader whose Accept-Language is {@code language}. */
    public Answer adminIn(String path, String language) {
        return send(adminGet(path, ADMIN, ADMIN_PASSWORD).header("Accept-Language", language).build());
    }

    private static HttpRequest.Builder adminGet(String path, String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(BASE + "/admin/api" + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Basic " + auth).GET();
    }

    public Answer get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls {@code path} until {@code done} holds, for up to {@code seconds}; returns the last answer. */
    public Answer awaitAdmin(String path, Predicate<Answer> done, int seconds) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        Answer last;
        do {
            last = admin(path);
            if (done.test(last)) return last;
            sleep(200);
        } while (Instant.now().isBefore(deadline));
        return last;
    }

    public static String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(USAGE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
