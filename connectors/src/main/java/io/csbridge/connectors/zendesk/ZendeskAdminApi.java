package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Zendesk's admin REST API (organization fields, webhooks, triggers) for the setup: what the
 * zendesk-java-client cannot do (it has no webhooks and no organization-field creation). JSON in and
 * out, the account's credentials on every call, a 429 waited out as Zendesk's {@code Retry-After} says
 * (up to 5 attempts: the setup is a person's click, not the outbox).
 */
public final class ZendeskAdminApi {

    private final String url;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    /** @param authorization the whole {@code Authorization} header value */
    public ZendeskAdminApi(String url, String authorization) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = authorization;
    }

    /** From the connector's settings: OAuth token when set, else e-mail and API token. */
    public static ZendeskAdminApi of(ZendeskSettings s) {
        String auth = s.oauthToken().isPresent() ? "Bearer " + s.oauthToken().get()
                : "Basic " + Base64.getEncoder().encodeToString((s.email().orElseThrow() + "/token:" + s.apiToken().orElseThrow())
                .getBytes(StandardCharsets.UTF_8));
        return new ZendeskAdminApi(s.url().orElseThrow(), auth);
    }

    /** A Zendesk answer that was not 2xx, with Zendesk's own words (its body, cut short). */
    public static final class Failure extends IOException {
        Failure(int status, String body) {
            super("Zendesk http " + status + ": " + (body.length() > 300 ? body.substring(0, 300) + "..." : body));
        }
    }

    /** @param pathOrUrl {@code /api/v2/...} or a whole URL Zendesk gave (a next page) */
    public JsonNode get(String pathOrUrl) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(pathOrUrl)).GET());
    }

    public JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    public JsonNode put(String path, Object body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : url + pathOrUrl);
    }

    private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = http.send(request.header("Authorization", authorization)
                            .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 429 && attempt < 5) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(10);
                Thread.sleep(seconds * 1000);
                continue;
            }
            if (response.statusCode() / 100 != 2) throw new Failure(response.statusCode(), response.body());
            String body = response.body();
            return body == null || body.isBlank() ? Json.MAPPER.createObjectNode() : Json.MAPPER.readTree(body);
        }
    }

    /**
     * The next page of a list: Zendesk's cursor pagination ({@code meta.has_more}, {@code links.next})
     * or its offset pagination ({@code next_page}); null on the last page.
     */
    static String nextPage(JsonNode page) {
        JsonNode links = page.path("links").path("next");
        if (page.path("meta").path("has_more").asBoolean(false) && links.isTextual()) return links.asText();
        return page.path("next_page").isTextual() ? page.get("next_page").asText() : null;
    }
}
