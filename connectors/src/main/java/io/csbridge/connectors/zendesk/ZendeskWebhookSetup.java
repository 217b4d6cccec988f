package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.app.integrations.SetupStep;

import java.io.IOException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two webhooks ({@code deploy/zendesk/webhook-events.json}, {@code webhook-triggers.json}) pointing
 * at CS Bridge's {@code /hooks/zendesk}, created when no webhook of that name exists. Zendesk signs every
 * delivery with a secret it makes itself, so each webhook's secret is then read and compared with
 * {@code zendesk.webhook-secret} (never shown): a secret CS Bridge does not know is a failed step that
 * tells the admin where to copy it from.
 */
final class ZendeskWebhookSetup {

    static final String KIND = "webhook";
    static final String SECRET_KIND = "signing secret";
    static final List<String> FILES = List.of("webhook-events.json", "webhook-triggers.json");
    /** {@code filter[name_contains]=CS Bridge}, the brackets encoded. */
    static final String LIST = "/api/v2/webhooks?filter%5Bname_contains%5D=CS%20Bridge";

    private final ZendeskAdminApi api;

    ZendeskWebhookSetup(ZendeskAdminApi api) {
        this.api = api;
    }

    /**
     * @param secrets the signing secrets CS Bridge verifies with
     * @param ids     filled with each webhook's id by name, for the triggers
     */
    List<SetupStep> run(String endpoint, Set<String> secrets, Map<String, String> ids) throws InterruptedException {
        Map<String, JsonNode> existing = new HashMap<>();
        try {
            for (String next = LIST; next != null; ) {
                JsonNode page = api.get(next);
                page.path("webhooks").forEach(w -> existing.putIfAbsent(w.path("name").asText(), w));
                next = ZendeskAdminApi.nextPage(page);
            }
        } catch (IOException e) {
            return List.of(SetupStep.failed(KIND, "CS Bridge", "cannot list the webhooks: " + e.getMessage()));
        }
        List<SetupStep> steps = new ArrayList<>();
        for (String file : FILES) {
            ObjectNode body = ZendeskSetupFiles.webhook(file, endpoint);
            String name = body.get("webhook").get("name").asText();
            JsonNode present = existing.get(name);
            try {
                if (present != null) {
                    String at = present.path("endpoint").asText();
                    steps.add(SetupStep.exists(KIND, name, at.equals(endpoint) ? null : "it points at " + at + ", not " + endpoint));
                    ids.put(name, present.path("id").asText());
                } else {
                    JsonNode made = api.post("/api/v2/webhooks", body);
                    ids.put(name, made.path("webhook").path("id").asText());
                    steps.add(SetupStep.created(KIND, name));
                }
            } catch (IOException e) {
                steps.add(SetupStep.failed(KIND, name, e.getMessage()));
                continue;
            }
            steps.add(signingSecret(name, ids.get(name), secrets));
        }
        return steps;
    }

    private SetupStep signingSecret(String name, String id, Set<String> secrets) throws InterruptedException {
        try {
            String secret = api.get("/api/v2/webhooks/" + id + "/signing_secret").path("signing_secret").path("secret").asText("");
            if (!secret.isEmpty() && secrets.stream().anyMatch(s -> same(s, secret))) {
                return SetupStep.exists(SECRET_KIND, name, "in zendesk.webhook-secret");
            }
            return SetupStep.failed(SECRET_KIND, name, "not in zendesk.webhook-secret: in Zendesk Admin Center, Webhooks, "
                    + name + ", Signing secret, Reveal secret; add it to zendesk.webhook-secret (comma-separated) and restart CS Bridge");
        } catch (IOException e) {
            return SetupStep.failed(SECRET_KIND, name, "cannot read it: " + e.getMessage());
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
