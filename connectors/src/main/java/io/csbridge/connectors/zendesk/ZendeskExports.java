package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.backfill.VendorReader;
import io.csbridge.connectors.RequestPace;
import io.csbridge.json.Json;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import io.csbridge.connectors.RestClients;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Calls to the {@link ZendeskExportApi} rest client, each paced ({@link RequestPace}: the export
 * endpoints at most 10 a minute) and a 429 waited out for its {@code Retry-After} before the same call
 * is made again (a few times at most).
 */
final class ZendeskExports {

    private static final int ATTEMPTS = 5;

    private final ZendeskExportApi api;
    private final RequestPace exportPace;
    private final RequestPace ratingPace;

    ZendeskExports(ZendeskExportApi api, RequestPace exportPace, RequestPace ratingPace) {
        this.api = api;
        this.exportPace = exportPace;
        this.ratingPace = ratingPace;
    }

    /** The MicroProfile Rest Client for {@code settings.url()}, authenticated as the Zendesk connector is. */
    static ZendeskExportApi client(ZendeskSettings settings, Duration timeout) {
        String authorization = settings.oauthToken().map(t -> "Bearer " + t).orElseGet(() -> "Basic " + Base64.getEncoder()
                .encodeToString((settings.email().orElseThrow() + "/token:" + settings.apiToken().orElseThrow())
                        .getBytes(StandardCharsets.UTF_8)));
        ClientRequestFilter auth = request -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, authorization);
        return RestClientBuilder.newBuilder().baseUri(URI.create(settings.url().orElseThrow()))
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .register(auth).build(ZendeskExportApi.class);
    }

    ZendeskExportApi api() {
        return api;
    }

    /** Closes the rest client (its connection pool). */
    void close() {
        RestClients.close(api);
    }

    /** An export call (tickets, organizations). */
    JsonNode export(Supplier<Response> call) throws VendorReader.Unavailable {
        return call(call, exportPace);
    }

    /** A satisfaction ratings call. */
    JsonNode ratings(Supplier<Response> call) throws VendorReader.Unavailable {
        return call(call, ratingPace);
    }

    private static JsonNode call(Supplier<Response> call, RequestPace pace) throws VendorReader.Unavailable {
        try {
            for (int attempt = 1; ; attempt++) {
                pace.await();
                Response response;
                try {
                    response = call.get();
                } catch (WebApplicationException e) {
                    response = e.getResponse();
                } catch (ProcessingException e) {
                    throw new VendorReader.Unavailable("Zendesk unreachable: " + e.getMessage(), e);
                }
                try (Response r = response) {
                    int status = r.getStatus();
                    if (status == 200) return Json.MAPPER.readTree(r.readEntity(String.class));
                    if (status == 429 && attempt < ATTEMPTS) {
                        pace.holdFor(retryAfter(r.getHeaderString("Retry-After")));
                        continue;
                    }
                    throw new VendorReader.Unavailable("Zendesk http " + status);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VendorReader.Unavailable("interrupted");
        } catch (IOException e) {
            throw new VendorReader.Unavailable("Zendesk answer unreadable: " + e.getMessage(), e);
        }
    }

    /** Retry-After seconds; a minute when Zendesk gave none. */
    static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
        } catch (RuntimeException e) {
            return Duration.ofSeconds(60);
        }
    }
}
