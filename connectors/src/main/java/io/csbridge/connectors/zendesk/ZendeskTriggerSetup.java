package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.app.integrations.SetupStep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The triggers of {@code deploy/zendesk/triggers.json}, each notifying the trigger webhook with
 * {@code trigger-body.json} (its {@code event} set), created when no trigger has that title.
 */
final class ZendeskTriggerSetup {

    static final String KIND = "trigger";

    private final ZendeskAdminApi api;

    ZendeskTriggerSetup(ZendeskAdminApi api) {
        this.api = api;
    }

    /** @param webhookIds the webhooks' ids by name (from {@link ZendeskWebhookSetup}) */
    List<SetupStep> run(Map<String, String> webhookIds) throws InterruptedException {
        JsonNode definitions = ZendeskSetupFiles.triggers();
        Set<String> titles = new HashSet<>();
        try {
            for (String next = "/api/v2/triggers.json"; next != null; ) {
                JsonNode page = api.get(next);
                page.path("triggers").forEach(t -> titles.add(t.path("title").asText()));
                next = ZendeskAdminApi.nextPage(page);
            }
        } catch (IOException e) {
            return List.of(SetupStep.failed(KIND, "CS Bridge", "cannot list the triggers: " + e.getMessage()));
        }
        String webhookName = definitions.path("webhook").asText();
        String webhookId = webhookIds.get(webhookName);
        List<SetupStep> steps = new ArrayList<>();
        for (JsonNode definition : definitions.path("triggers")) {
            String title = definition.path("title").asText();
            if (titles.contains(title)) {
                steps.add(SetupStep.exists(KIND, title, null));
            } else if (webhookId == null || webhookId.isEmpty()) {
                steps.add(SetupStep.failed(KIND, title, "the webhook " + webhookName + " is missing"));
            } else {
                try {
                    api.post("/api/v2/triggers.json", Map.of("trigger", trigger(definition, webhookId)));
                    steps.add(SetupStep.created(KIND, title));
                } catch (IOException e) {
                    steps.add(SetupStep.failed(KIND, title, e.getMessage()));
                }
            }
        }
        return steps;
    }

    static Map<String, Object> trigger(JsonNode definition, String webhookId) {
        Map<String, Object> trigger = new LinkedHashMap<>();
        trigger.put("title", definition.path("title").asText());
        trigger.put("conditions", definition.path("conditions"));
        trigger.put("actions", List.of(Map.of("field", "notification_webhook",
                "value", List.of(webhookId, ZendeskSetupFiles.triggerBody(definition.path("event").asText())))));
        return trigger;
    }
}
