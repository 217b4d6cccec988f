package io.csbridge.webhooks.usage.tracking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.webhooks.HookRejection;
import io.csbridge.webhooks.usage.SegmentTranslator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One request to Segment's HTTP Tracking API, read into the messages Segment itself would deliver
 * onwards: the write key taken out (it is a secret and is never stored), the {@code type} a single-call
 * endpoint stands for filled in, and {@code timestamp} corrected for the sender's clock as Segment
 * corrects it. The {@link SegmentTranslator} then takes them exactly as it takes the signed webhook's.
 */
final class TrackingRequest {

    private final TrackingEndpoint endpoint;
    private final List<ObjectNode> messages;
    private final List<String> writeKeys;
    private final JsonNode batchSentAt;

    private TrackingRequest(TrackingEndpoint endpoint, List<ObjectNode> messages, List<String> writeKeys, JsonNode batchSentAt) {
        this.endpoint = endpoint;
        this.messages = messages;
        this.writeKeys = writeKeys;
        this.batchSentAt = batchSentAt;
    }

    /**
     * Reads the JSON and takes out every {@code writeKey}; nothing else is judged yet, so that a sender
     * without the key learns nothing about its messages.
     *
     * @throws HookRejection 400 when the body is not a JSON object of the endpoint's shape
     */
    static TrackingRequest read(TrackingEndpoint endpoint, byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw HookRejection.malformed("not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw HookRejection.malformed("not valid JSON");
        }
        if (root == null || !root.isObject()) throw HookRejection.malformed("expected a JSON object");
        List<String> writeKeys = new ArrayList<>();
        takeWriteKey((ObjectNode) root, writeKeys);
        List<ObjectNode> messages = new ArrayList<>();
        if (endpoint.batch()) {
            JsonNode batch = root.get("batch");
            if (batch == null || !batch.isArray()) throw HookRejection.malformed("batch must be an array of messages");
            for (int i = 0; i < batch.size(); i++) {
                if (!batch.get(i).isObject()) throw invalid("batch[" + i + "]", "must be an object");
                ObjectNode message = (ObjectNode) batch.get(i);
                takeWriteKey(message, writeKeys);
                messages.add(message);
            }
        } else {
            messages.add((ObjectNode) root);
        }
        return new TrackingRequest(endpoint, messages, writeKeys, root.get("sentAt"));
    }

    /** Every write key the body carried, for the credentials check. */
    List<String> writeKeys() {
        return writeKeys;
    }

    /**
     * The inbox entries, after every message has been checked: one bad message refuses the request.
     * An {@code alias} is checked and answered as Segment answers it, but stored as nothing: CS Bridge
     * knows users by {@code userId}, and a {@code group} call is what ties them to an account.
     *
     * @param receivedAt the receive time, from the pipeline's clock
     */
    List<InboxEntry> entries(SegmentTranslator translator, Instant receivedAt) {
        List<InboxEntry> entries = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            String where = endpoint.batch() ? "batch[" + i + "]" : "message";
            ObjectNode message = messages.get(i);
            if (message.toString().getBytes(StandardCharsets.UTF_8).length > TrackingEndpoint.MESSAGE_LIMIT) {
                throw new HookRejection(400, "payload_too_large", where + ": a message is limited to 32 KB");
            }
            typed(message, where);
            if ("alias".equals(message.path("type").asText())) {
                alias(message, where);
                continue;
            }
            SentAt.correct(message, message.hasNonNull("sentAt") ? message.get("sentAt") : batchSentAt, receivedAt, where);
            entries.add(translator.entry(message, where));
        }
        return entries;
    }

    private void typed(ObjectNode message, String where) {
        if (endpoint.batch()) return;
        JsonNode type = message.get("type");
        if (type == null || type.isNull()) {
            message.put("type", endpoint.type());
        } else if (!endpoint.type().equals(type.asText())) {
            throw invalid(where, "type '" + type.asText() + "' sent to /v1/" + endpoint.type());
        }
    }

    private static void alias(ObjectNode message, String where) {
        if (!message.hasNonNull("messageId") || message.get("messageId").asText().isBlank()) {
            throw invalid(where, "messageId is required");
        }
        if (!message.hasNonNull("userId") || !message.hasNonNull("previousId")) {
            throw invalid(where, "alias needs a userId and a previousId");
        }
    }

    private static void takeWriteKey(ObjectNode node, List<String> writeKeys) {
        JsonNode key = node.remove("writeKey");
        if (key != null && !key.isNull()) writeKeys.add(key.isValueNode() ? key.asText() : key.toString());
    }

    static HookRejection invalid(String where, String detail) {
        return new HookRejection(400, "invalid_message", where + ": " + detail);
    }
}
