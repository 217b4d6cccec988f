package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.domain.language.Language;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Creates the four organization fields CS Bridge writes, where missing: {@code cs_health_score},
 * {@code cs_churn_risk} and {@code cs_onboarding_completion} as integers, {@code cs_health_band} as a
 * drop-down whose option tags are {@code cs_health_green|yellow|red|unknown}. Existing fields are left
 * alone, except that a band drop-down missing an option (one made before the Unknown band) gets it.
 * Run: {@code ZENDESK_URL=... ZENDESK_EMAIL=... ZENDESK_API_TOKEN=... java -cp ... ZendeskFieldSetup}
 * (see deploy/zendesk/setup/README.md). The zendesk-java-client cannot create organization fields,
 * so this uses the REST API directly.
 */
public final class ZendeskFieldSetup {

    private static final String HEALTH_BAND = ZendeskOrganizationFields.HEALTH_BAND;

    private final String url;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();

    private final Language language;

    public ZendeskFieldSetup(String url, String authorization) {
        this(url, authorization, Language.ENGLISH);
    }

    /** @param language the language of the field titles, descriptions and band option names agents see */
    public ZendeskFieldSetup(String url, String authorization, Language language) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = authorization;
        this.language = language;
    }

    public static void main(String[] args) throws Exception {
        String url = env("ZENDESK_URL");
        String oauth = System.getenv("ZENDESK_OAUTH_TOKEN");
        String auth = oauth != null && !oauth.isBlank() ? "Bearer " + oauth
                : "Basic " + Base64.getEncoder().encodeToString((env("ZENDESK_EMAIL") + "/token:" + env("ZENDESK_API_TOKEN"))
                .getBytes(StandardCharsets.UTF_8));
        List<String> created = new ZendeskFieldSetup(url, auth, Language.of(System.getenv("CSBRIDGE_LANGUAGE"))).createMissing();
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
        Map<String, JsonNode> existing = new HashMap<>();
        String next = url + "/api/v2/organization_fields.json";
        while (next != null) {
            JsonNode page = send(HttpRequest.newBuilder(URI.create(next)).GET());
            page.path("organization_fields").forEach(f -> existing.put(f.path("key").asText(), f));
            next = page.path("next_page").isTextual() ? page.get("next_page").asText() : null;
        }
        List<String> created = new ArrayList<>();
        for (Map<String, Object> field : fields()) {
            JsonNode present = existing.get((String) field.get("key"));
            if (present != null) {
                if (addMissingBandOptions(present)) created.add(present.path("key").asText() + " (options added)");
                continue;
            }
            send(HttpRequest.newBuilder(URI.create(url + "/api/v2/organization_fields.json"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("organization_field", field)))));
            created.add((String) field.get("key"));
        }
        return created;
    }

    /**
     * A band drop-down created before the Unknown band existed gets the missing options, the existing
     * ones kept as they are (Zendesk replaces the whole option list on update).
     */
    private boolean addMissingBandOptions(JsonNode present) throws IOException, InterruptedException {
        if (!HEALTH_BAND.equals(present.path("key").asText()) || !present.path("custom_field_options").isArray()) return false;
        Set<String> values = new HashSet<>(present.path("custom_field_options").findValuesAsText("value"));
        List<Object> options = new ArrayList<>();
        present.path("custom_field_options").forEach(options::add);
        for (Map<String, String> option : bandOptions(language)) {
            if (!values.contains(option.get("value"))) options.add(option);
        }
        if (options.size() == values.size()) return false;
        send(HttpRequest.newBuilder(URI.create(url + "/api/v2/organization_fields/" + present.path("id").asText() + ".json"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("organization_field",
                        Map.of("custom_field_options", options))))));
        return true;
    }

    static List<Map<String, String>> bandOptions(Language language) {
        boolean ja = language == Language.JAPANESE;
        return List.of(
                Map.of("name", ja ? "グリーン" : "Green", "value", "cs_health_green"),
                Map.of("name", ja ? "イエロー" : "Yellow", "value", "cs_health_yellow"),
                Map.of("name", ja ? "レッド" : "Red", "value", "cs_health_red"),
                Map.of("name", ja ? "不明" : "Unknown", "value", "cs_health_unknown"));
    }

    List<Map<String, Object>> fields() {
        boolean ja = language == Language.JAPANESE;
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(field("cs_health_score", ja ? "CS ヘルススコア" : "CS Health Score", "integer",
                ja ? "顧客ヘルス 0-100(CS Bridge が書き込みます)" : "Customer health 0-100, written by CS Bridge"));
        Map<String, Object> band = field(HEALTH_BAND, ja ? "CS ヘルス区分" : "CS Health Band", "dropdown",
                ja ? "グリーン/イエロー/レッド(不明: 判定に必要なデータが不足)。CS Bridge が書き込み、"
                        + "タグ cs_health_green|yellow|red|unknown を付けます"
                        : "Green/Yellow/Red (Unknown: too little evidence to judge), written by CS Bridge; "
                        + "sets the tag cs_health_green|yellow|red|unknown");
        band.put("custom_field_options", bandOptions(language));
        out.add(band);
        out.add(field("cs_churn_risk", ja ? "CS 解約リスク" : "CS Churn Risk", "integer",
                ja ? "解約リスク 0-100(CS Bridge が書き込みます)" : "Churn risk 0-100, written by CS Bridge"));
        out.add(field("cs_onboarding_completion", ja ? "CS オンボーディング完了率" : "CS Onboarding Completion", "integer",
                ja ? "オンボーディング完了率 0-100(CS Bridge が書き込みます)" : "Onboarding completion 0-100, written by CS Bridge"));
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
