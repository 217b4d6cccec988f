package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.domain.language.Language;
import io.csbridge.app.integrations.SetupStep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * Run from the admin UI (Integrations, "Set up Zendesk", with the webhooks and triggers), or:
 * {@code ZENDESK_URL=... ZENDESK_EMAIL=... ZENDESK_API_TOKEN=... java -cp ... ZendeskFieldSetup}
 * (see deploy/zendesk/setup/README.md). The zendesk-java-client cannot create organization fields,
 * so this uses the REST API directly.
 */
public final class ZendeskFieldSetup {

    private static final String HEALTH_BAND = ZendeskOrganizationFields.HEALTH_BAND;
    private static final String FIELDS = "/api/v2/organization_fields.json";
    static final String KIND = "organization field";

    private final ZendeskAdminApi api;
    private final Language language;

    public ZendeskFieldSetup(String url, String authorization) {
        this(new ZendeskAdminApi(url, authorization), Language.ENGLISH);
    }

    /** @param language the language of the field titles, descriptions and band option names agents see */
    public ZendeskFieldSetup(ZendeskAdminApi api, Language language) {
        this.api = api;
        this.language = language;
    }

    public static void main(String[] args) throws Exception {
        String url = env("ZENDESK_URL");
        String oauth = System.getenv("ZENDESK_OAUTH_TOKEN");
        String auth = oauth != null && !oauth.isBlank() ? "Bearer " + oauth
                : "Basic " + Base64.getEncoder().encodeToString((env("ZENDESK_EMAIL") + "/token:" + env("ZENDESK_API_TOKEN"))
                .getBytes(StandardCharsets.UTF_8));
        List<String> created = new ZendeskFieldSetup(new ZendeskAdminApi(url, auth),
                Language.of(System.getenv("CSBRIDGE_LANGUAGE"))).createMissing();
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

    /** @return the keys of the fields it created (or completed) */
    public List<String> createMissing() throws IOException, InterruptedException {
        List<String> created = new ArrayList<>();
        for (SetupStep step : run()) {
            if (SetupStep.FAILED.equals(step.outcome())) throw new IOException(step.name() + ": " + step.detail());
            if (SetupStep.CREATED.equals(step.outcome())) {
                created.add(step.detail() == null ? step.name() : step.name() + " (" + step.detail() + ")");
            }
        }
        return created;
    }

    /** One step per field: created, already there, or failed with Zendesk's reason. */
    public List<SetupStep> run() throws InterruptedException {
        Map<String, JsonNode> existing = new HashMap<>();
        try {
            for (String next = FIELDS; next != null; ) {
                JsonNode page = api.get(next);
                page.path("organization_fields").forEach(f -> existing.put(f.path("key").asText(), f));
                next = ZendeskAdminApi.nextPage(page);
            }
        } catch (IOException e) {
            return List.of(SetupStep.failed(KIND, "organization_fields", "cannot list them: " + e.getMessage()));
        }
        List<SetupStep> steps = new ArrayList<>();
        for (Map<String, Object> field : fields()) {
            String key = (String) field.get("key");
            JsonNode present = existing.get(key);
            try {
                if (present == null) {
                    api.post(FIELDS, Map.of("organization_field", field));
                    steps.add(SetupStep.created(KIND, key));
                } else if (addMissingBandOptions(present)) {
                    steps.add(new SetupStep(KIND, key, SetupStep.CREATED, "options added"));
                } else {
                    steps.add(SetupStep.exists(KIND, key, null));
                }
            } catch (IOException e) {
                steps.add(SetupStep.failed(KIND, key, e.getMessage()));
            }
        }
        return steps;
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
        api.put("/api/v2/organization_fields/" + present.path("id").asText() + ".json",
                Map.of("organization_field", Map.of("custom_field_options", options)));
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
}
