package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The webhooks, triggers and trigger body the Zendesk setup creates: the very JSON files in
 * {@code deploy/zendesk} that the README's curl commands send (copied into this jar by the build).
 */
final class ZendeskSetupFiles {

    /** The placeholder of the webhook endpoint in the shipped files. */
    static final String ENDPOINT_PLACEHOLDER = "https://YOUR-HOST/hooks/zendesk";

    private ZendeskSetupFiles() {
    }

    /** {@code webhook-events.json} and {@code webhook-triggers.json}: each {@code {"webhook": {...}}}. */
    static ObjectNode webhook(String file, String endpoint) {
        ObjectNode body = (ObjectNode) read(file);
        ((ObjectNode) body.get("webhook")).put("endpoint", endpoint);
        return body;
    }

    /** {@code triggers.json}: the webhook the triggers notify (by name) and each trigger's title, event, conditions. */
    static JsonNode triggers() {
        return read("triggers.json");
    }

    /** {@code trigger-body.json} with its {@code event} set: the JSON text Zendesk fills in and sends. */
    static String triggerBody(String event) {
        ObjectNode body = (ObjectNode) read("trigger-body.json");
        body.put("event", event);
        return Json.write(body);
    }

    private static JsonNode read(String file) {
        try (InputStream in = ZendeskSetupFiles.class.getResourceAsStream("deploy/" + file)) {
            if (in == null) throw new IllegalStateException("deploy/zendesk/" + file + " is not in the connectors jar");
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
