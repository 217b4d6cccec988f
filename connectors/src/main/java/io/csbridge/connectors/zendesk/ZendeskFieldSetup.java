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
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the four organization fields CS Bridge writes, where missing: {@code cs_health_score},
 * {@code cs_churn_risk} and {@code cs_onboarding_completion} as integers, {@code cs_health_band} as a
 * drop-down whose option tags are {@code cs_health_green|yellow|red}. Existing fields are left alone.
 * Run: {@code ZENDESK_URL=... ZENDESK_EMAIL=... ZENDESK_API_TOKEN=... java -cp ... ZendeskFieldSetup}
 * (see deploy/zendesk/setup/README.md). The zendesk-java-client cannot create organization fields,
 * so this uses the REST API directly.
 */
public final class ZendeskFieldSetup {

    private final String url;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    public ZendeskFieldSetup(String url, String authorization) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = authorization;
    }

    public static void main(String[] args) throws Exception {
        String url = env("ZENDESK_URL");
        String oauth = System.getenv("ZENDESK_OAUTH_TOKEN");
        String auth = oauth != null && !oauth.isBlank() ? "Bearer " + oauth
                : "Basic " + Base64.getEncoder().encodeToString((env("ZENDESK_EMAIL") + "/token:" + env("ZENDESK_API_TOKEN"))
                .getBytes(StandardCharsets.UTF_8));
        List<String> created = new ZendeskFieldSetup(url, auth).createMissing();
        System.out.println(created.isEmpty() ? "All CS Bridge organization fields exist already."
                : "Created organization fields: " + String.join(", ", created));
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            System.err.println("set " + name);
            System.exit(2);
        }
        return value;
    }

    /** @return the keys of the fields it created */
    public List<String> createMissing() throws IOException, InterruptedException {
        Set<String> existing = new HashSet<>();
        String next = url + "/api/v2/organization_fields.json";
        while (next != null) {
            JsonNode page = send(HttpRequest.newBuilder(URI.create(next)).GET());
            page.path("organization_fields").forEach(f -> existing.add(f.path("key").asText()));
            next = page.path("next_page").isTextual() ? page.get("next_page").asText() : null;
        }
        List<String> created = new ArrayList<>();
        for (Map<String, Object> field : fields()) {
            if (existing.contains((String) field.get("key"))) continue;
            send(HttpRequest.newBuilder(URI.create(url + "/api/v2/organization_fields.json"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("organization_field", field)))));
            created.add((String) field.get("key"));
        }
        return created;
    }

    static List<Map<String, Object>> fields() {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(field("cs_health_score", "CS Health Score", "integer", "Customer health 0-100, written by CS Bridge"));
        Map<String, Object> band = field("cs_health_band", "CS Health Band", "dropdown",
                "Green/Yellow/Red, written by CS Bridge; sets the tag cs_health_green|yellow|red");
        band.put("custom_field_options", List.of(
                Map.of("name", "Green", "value", "cs_health_green"),
                Map.of("name", "Yellow", "value", "cs_health_yellow"),
                Map.of("name", "Red", "value", "cs_health_red")));
        out.add(band);
        out.add(field("cs_churn_risk", "CS Churn Risk", "integer", "Churn risk 0-100, written by CS Bridge"));
        out.add(field("cs_onboarding_completion", "CS Onboarding Completion", "integer",
                "Onboarding completion 0-100, written by CS Bridge"));
        return out;
    }

    private static Map<String, Object> field(String key, String title, String type, String description) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("key", key);
        f.put("title", title);
        f.put("type", type);
        f.put("description", description);
        f.put("active", true);
        return f;
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
            if (response.statusCode() / 100 != 2) {
                throw new IOException("Zendesk http " + response.statusCode() + ": " + response.body());
            }
            return Json.MAPPER.readTree(response.body());
        }
    }
}
