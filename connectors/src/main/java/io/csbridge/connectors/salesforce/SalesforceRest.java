package io.csbridge.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import feign.Feign;
import feign.Request;
import feign.Response;
import feign.Retryer;
import feign.Target;
import feign.http2client.Http2Client;
import feign.jackson.JacksonEncoder;
import io.csbridge.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The REST calls to one org: sObject Collections writes and the User read, through Feign on the JDK's
 * HTTP client. Feign itself never retries (the outbox retries with backoff) and has no logger (tokens
 * stay out of logs). Every response's {@code Sforce-Limit-Info} goes to the API usage observer before
 * its body is read.
 */
final class SalesforceRest {

    /** What the org answered: the status, the JSON body (or the start of a text one) and any Retry-After. */
    record Reply(int status, JsonNode body, Optional<Duration> retryAfter) {

        /** e.g. {@code http 403 REQUEST_LIMIT_EXCEEDED: TotalRequests Limit exceeded.} */
        String error() {
            JsonNode first = body.isArray() && !body.isEmpty() ? body.get(0) : body;
            String code = first.path("errorCode").asText("");
            String message = first.path("message").asText(first.isTextual() ? first.asText() : "");
            return "http " + status + (code.isEmpty() ? "" : " " + code) + (message.isEmpty() ? "" : ": " + message);
        }

        boolean hasError(String code) {
            if (!body.isArray()) return false;
            for (JsonNode e : body) if (code.equals(e.path("errorCode").asText())) return true;
            return false;
        }
    }

    private final SalesforceApi api;
    private final SalesforceApi.OAuth oauth;
    private final SalesforceQueryApi queries;
    private final String version;
    private final Consumer<String> usageObserved;

    /** @param usageObserved given each response's {@code Sforce-Limit-Info} header (null when absent) */
    SalesforceRest(SalesforceSettings settings, Consumer<String> usageObserved) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout()).build();
        Request.Options options = new Request.Options(settings.timeout().toMillis(), TimeUnit.MILLISECONDS,
                settings.timeout().toMillis(), TimeUnit.MILLISECONDS, false);
        this.api = Feign.builder().client(new Http2Client(http)).options(options).retryer(Retryer.NEVER_RETRY)
                .encoder(new JacksonEncoder(Json.MAPPER)).target(Target.EmptyTarget.create(SalesforceApi.class));
        this.oauth = Feign.builder().client(new Http2Client(http)).options(options)
                .retryer(Retryer.NEVER_RETRY).target(Target.EmptyTarget.create(SalesforceApi.OAuth.class));
        this.queries = Feign.builder().client(new Http2Client(http)).options(options).retryer(Retryer.NEVER_RETRY)
                .encoder(new JacksonEncoder(Json.MAPPER)).target(Target.EmptyTarget.create(SalesforceQueryApi.class));
        this.version = settings.versionInPath();
        this.usageObserved = usageObserved;
    }

    /** The read endpoints (query, Bulk 2.0), on the same HTTP client and timeouts. */
    SalesforceQueryApi queries() {
        return queries;
    }

    /** The token endpoint, on the same HTTP client and timeouts as the data calls. */
    SalesforceApi.OAuth oauth() {
        return oauth;
    }

    /** PATCH composite/sobjects with {@code body}: updates records by their Id. */
    Reply update(SalesforceTokens.Session session, Map<String, Object> body) throws IOException {
        return reply(api.updateRecords(session.instanceUrl(), version, session.accessToken(), body));
    }

    /** PATCH composite/sobjects/{type}/{field} with {@code body}: creates or updates records by an External Id. */
    Reply upsert(SalesforceTokens.Session session, String type, String externalIdField, Map<String, Object> body)
            throws IOException {
        return reply(api.upsertRecords(session.instanceUrl(), version, session.accessToken(), type, externalIdField, body));
    }

    /** The path of an upsert by {@code externalIdField}, for the calls a sandbox records. */
    static String upsertPath(SalesforceSettings settings, String type, String externalIdField) {
        return settings.dataPath() + "/composite/sobjects/" + type + "/" + externalIdField;
    }

    private Reply reply(Response call) throws IOException {
        try (Response response = call) {
            usageObserved.accept(header(response, "Sforce-Limit-Info"));
            Optional<Duration> retryAfter = Optional.ofNullable(header(response, "Retry-After"))
                    .flatMap(SalesforceRest::seconds);
            return new Reply(response.status(), readJson(response), retryAfter);
        }
    }

    /** GET one User's Email. */
    Reply user(SalesforceTokens.Session session, String userId) throws IOException {
        try (Response response = api.user(session.instanceUrl(), version, session.accessToken(), userId)) {
            usageObserved.accept(header(response, "Sforce-Limit-Info"));
            return new Reply(response.status(), readJson(response), Optional.empty());
        }
    }

    /** The body as JSON; a body that is not JSON becomes a text node of its first 500 characters. */
    static JsonNode readJson(Response response) throws IOException {
        if (response.body() == null) return Json.MAPPER.missingNode();
        try (InputStream in = response.body().asInputStream()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) return Json.MAPPER.missingNode();
            try {
                return Json.MAPPER.readTree(bytes);
            } catch (IOException notJson) {
                return Json.MAPPER.getNodeFactory().textNode(new String(bytes, 0, Math.min(bytes.length, 500),
                        StandardCharsets.UTF_8));
            }
        }
    }

    static String header(Response response, String name) {
        for (Map.Entry<String, Collection<String>> e : response.headers().entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().iterator().next();
            }
        }
        return null;
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
