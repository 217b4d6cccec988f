package io.csbridge.webhooks.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.vendors.AlertButtonValue;
import io.csbridge.vendors.SlackAlertActions;
import io.csbridge.webhooks.HookRejection;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack interactivity ({@code block_actions}) on CS Bridge alerts: who pressed one of the alert's
 * buttons ({@link SlackAlertActions}: {@code cs_ack}, {@code cs_snooze}, {@code cs_create_task}) on which alert. Each press becomes one inbox entry of
 * source {@code slack}, deduplicated by {@code <action_id>:<action_ts>:<user id>}, whose payload is an
 * {@code alert_action} record (see {@link #record}) and whose one signal, {@link SignalKind#ALERT_ACTION}
 * on the account the button names, is what the processor acts on (the Salesforce Task, the snooze,
 * the acknowledgement, the message update), exactly once. Other payload types and buttons are ignored.
 */
public final class AlertActionTranslator {

    public static final String SOURCE = "slack";
    /** The payload's {@code kind}: what a reader of the inbox filters on. */
    public static final String KIND = "alert_action";

    /** @param form the verified form body's fields; Slack puts the JSON in {@code payload} */
    public List<InboxEntry> translate(Map<String, String> form) {
        String raw = form.get("payload");
        if (raw == null || raw.isBlank()) throw HookRejection.malformed("no payload form field");
        JsonNode payload;
        try {
            payload = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            throw HookRejection.malformed("payload is not valid JSON: " + e.getOriginalMessage());
        }
        if (payload == null || !payload.isObject()) throw HookRejection.malformed("payload must be a JSON object");
        if (!"block_actions".equals(payload.path("type").asText())) return List.of();
        String userId = payload.path("user").path("id").asText("");
        if (userId.isBlank()) throw invalid("block_actions without user.id");
        List<InboxEntry> entries = new ArrayList<>();
        for (JsonNode action : payload.path("actions")) {
            String actionId = action.path("action_id").asText("");
            if (!SlackAlertActions.isAlertAction(actionId)) continue;
            String actionTs = action.path("action_ts").asText("");
            Instant at = slackTime(actionTs);
            AlertButtonValue value = buttonValue(action.path("value").isTextual() ? action.get("value").asText() : null);
            String dedupeKey = actionId + ":" + actionTs + ":" + userId;
            if (dedupeKey.length() > 255) throw invalid("action_ts and user id are too long");
            entries.add(new InboxEntry(SOURCE, dedupeKey, at, record(actionId, actionTs, at, value, payload),
                    List.of(signal(actionId, at, value, payload))));
        }
        return entries;
    }

    /**
     * The stored record: {@code {"kind":"alert_action","action":"cs_create_task","alertId":"812",
     * "accountId":"001...","user":{"id","name"},"actionTs","at","channel","messageTs","responseUrl","slack":{...}}}
     * where {@code slack} is the verified block_actions payload as received.
     */
    static String record(String actionId, String actionTs, Instant at, AlertButtonValue value, JsonNode payload) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("kind", KIND);
        r.put("action", actionId);
        r.put("alertId", value.alertId());
        r.put("accountId", value.accountId());
        ObjectNode user = r.putObject("user");
        user.put("id", payload.path("user").path("id").asText());
        user.put("name", payload.path("user").path("username").asText(payload.path("user").path("name").asText("")));
        r.put("team", payload.path("team").path("id").asText(""));
        r.put("actionTs", actionTs);
        r.put("at", at.toString());
        r.put("channel", channel(payload));
        r.put("messageTs", messageTs(payload));
        r.put("responseUrl", payload.path("response_url").asText(""));
        r.set("slack", payload);
        return r.toString();
    }

    /**
     * The press as a signal: name = the action id, user = the Slack user id; attributes {@code alertId},
     * {@code by}, {@code byName}, {@code channel}, {@code messageTs}; keyed by CS Bridge's own account id.
     */
    static Signal signal(String actionId, Instant at, AlertButtonValue value, JsonNode payload) {
        String userId = payload.path("user").path("id").asText();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("alertId", value.alertId());
        attributes.put("by", userId);
        attributes.put("byName", payload.path("user").path("username").asText(payload.path("user").path("name").asText("")));
        attributes.put("channel", channel(payload));
        attributes.put("messageTs", messageTs(payload));
        return new Signal(AccountKey.account(value.accountId()), SignalKind.ALERT_ACTION, at, actionId, userId, Double.NaN,
                attributes);
    }

    private static String channel(JsonNode payload) {
        return payload.path("channel").path("id").asText(payload.path("container").path("channel_id").asText(""));
    }

    private static String messageTs(JsonNode payload) {
        return payload.path("container").path("message_ts").asText(payload.path("message").path("ts").asText(""));
    }

    /** Slack times are Unix seconds with a microsecond fraction: {@code "1548426417.840180"}. */
    static Instant slackTime(String ts) {
        try {
            BigDecimal seconds = new BigDecimal(ts);
            if (seconds.signum() < 0 || seconds.scale() > 9 || seconds.precision() - seconds.scale() > 12) throw new NumberFormatException();
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid("action_ts is not a Slack timestamp: " + (ts.length() > 40 ? ts.substring(0, 40) : ts));
        }
    }

    /** @throws HookRejection 400 when the value is not one CS Bridge wrote */
    static AlertButtonValue buttonValue(String value) {
        return AlertButtonValue.parse(value).orElseThrow(() -> {
            String shown = value == null ? "none" : value.length() > 80 ? value.substring(0, 80) + "..." : value;
            return invalid("the button value is not <alertId>|<accountId>: " + shown);
        });
    }

    private static HookRejection invalid(String detail) {
        return new HookRejection(400, "invalid_message", detail);
    }
}
