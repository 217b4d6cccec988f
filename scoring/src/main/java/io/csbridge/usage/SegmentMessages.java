package io.csbridge.usage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.domain.signal.Attributes;
import io.csbridge.domain.signal.CustomAttributes;
import io.csbridge.domain.nudge.NudgeEvents;
import io.csbridge.domain.nudge.UserMoments;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.EntryBounds;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Product-usage messages in the Segment spec ({@code track}, {@code identify}, {@code group},
 * {@code page}, {@code screen}; single or {@code {"batch":[...]}}) translated into inbox entries: the one
 * validator of usage messages. Every message is checked before any is accepted: one bad message refuses
 * the whole delivery with a {@link MessageRejected} that says which and why. The signed webhook, Segment's
 * HTTP Tracking API (both in the webhooks WAR) and the history import ({@code app/imports}, each NDJSON
 * line) all end here, so the same message gives the same signals and the same dedupe key through any.
 */
public final class SegmentMessages {

    public static final String SOURCE = "usage";
    public static final String NPS_EVENT = "NPS Answered";
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final Clock clock;

    public SegmentMessages(Clock clock) {
        this.clock = clock;
    }

    public List<InboxEntry> translate(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw MessageRejected.malformed("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw MessageRejected.malformed("expected a JSON object");
        List<InboxEntry> entries = new ArrayList<>();
        if (root.has("batch")) {
            JsonNode batch = root.get("batch");
            if (!batch.isArray()) throw MessageRejected.malformed("batch must be an array");
            for (int i = 0; i < batch.size(); i++) entries.add(entry(batch.get(i), "batch[" + i + "]"));
        } else {
            entries.add(entry(root, "message"));
        }
        return entries;
    }

    /**
     * One message as its inbox entry.
     *
     * @param where how the 400 names the message ({@code batch[3]}, {@code message})
     * @throws MessageRejected when the message is not one CS Bridge can take
     */
    public InboxEntry entry(JsonNode m, String where) {
        if (!m.isObject()) throw invalid(where, "must be an object");
        String type = text(m, "type");
        String messageId = text(m, "messageId");
        if (messageId == null || messageId.isBlank()) throw invalid(where, "messageId is required");
        if (messageId.length() > 255) throw invalid(where, "messageId is longer than 255 characters");
        Instant at = timestamp(m, where);
        String userId = firstText(m.path("userId"), m.path("anonymousId"));
        String groupId = type != null && type.equals("group") ? text(m, "groupId") : text(m.path("context"), "groupId");
        String email = firstText(m.path("traits").path("email"), m.path("context").path("traits").path("email"));
        String domain = AccountKey.domainOfEmail(email);
        if (type == null) throw invalid(where, "type is required");
        Signal signal = switch (type) {
            case "track" -> track(m, where, at, account(groupId, userId, where), userId);
            case "page", "screen" -> Signal.of(account(groupId, userId, where), SignalKind.PAGE_VIEW, at)
                    .withName(orEmpty(text(m, "name"))).withUser(orEmpty(userId));
            case "identify" -> {
                if (userId == null) throw invalid(where, "identify needs a userId or anonymousId");
                Map<String, String> attributes = new LinkedHashMap<>();
                if (domain != null) attributes.put("domain", domain);
                // The user's time zone, for nudges' quiet hours and daily caps (an unknown zone is left out).
                String zone = firstText(m.path("traits").path("timezone"), m.path("context").path("timezone"));
                if (zone != null && zone.length() <= 64 && UserMoments.zone(zone) != null) attributes.put(NudgeEvents.TIME_ZONE, zone);
                yield Signal.of(account(groupId, userId, where), SignalKind.USER_IDENTIFIED, at)
                        .withUser(userId).withAttributes(attributes);
            }
            case "group" -> group(m, where, at, groupId, userId);
            default -> throw invalid(where, "type must be track, identify, group, page or screen, not '" + type + "'");
        };
        InboxEntry entry = new InboxEntry(SOURCE, messageId, at, m.toString(), List.of(signal));
        EntryBounds.violation(entry).ifPresent(reason -> {
            throw invalid(where, reason);
        });
        return entry;
    }

    private static Signal track(JsonNode m, String where, Instant at, AccountKey account, String userId) {
        String event = text(m, "event");
        if (event == null || event.isBlank()) throw invalid(where, "track needs an event name");
        JsonNode properties = m.path("properties");
        if (NPS_EVENT.equals(event)) {
            JsonNode score = properties.path("score");
            if (!score.isNumber() || score.asDouble() != Math.rint(score.asDouble())
                    || score.asDouble() < 0 || score.asDouble() > 10) {
                throw invalid(where, "an NPS answer needs properties.score, a whole number from 0 to 10");
            }
            Map<String, String> attributes = new LinkedHashMap<>();
            String comment = text(properties, "comment");
            if (comment != null) attributes.put("comment", comment);
            return new Signal(account, SignalKind.NPS_ANSWER, at, event, orEmpty(userId), score.asInt(), attributes);
        }
        return new Signal(account, SignalKind.PRODUCT_EVENT, at, event, orEmpty(userId), Double.NaN, scalars(properties));
    }

    private static Signal group(JsonNode m, String where, Instant at, String groupId, String userId) {
        if (groupId == null || groupId.isBlank()) throw invalid(where, "group needs a groupId");
        JsonNode traits = m.path("traits");
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String key : List.of("name", "plan", "domain", "salesforceAccountId", "zendeskOrganizationId")) {
            String value = text(traits, key);
            if (value != null && !value.isBlank()) attributes.put(key, key.equals("domain") ? value.toLowerCase() : value);
        }
        for (String key : List.of("arr", "seats")) {
            JsonNode value = traits.get(key);
            if (value == null || value.isNull()) continue;
            if (!value.isNumber() || !Double.isFinite(value.asDouble()) || value.asDouble() < 0) {
                throw invalid(where, "traits." + key + " must be a finite number >= 0");
            }
            attributes.put(key, value.asText());
        }
        JsonNode churned = traits.get(Attributes.CHURNED);
        if (churned != null && !churned.isNull()) {
            String flag = churned.asText().trim().toLowerCase(java.util.Locale.ROOT);
            if (!(churned.isBoolean() || churned.isTextual()) || !(flag.equals("true") || flag.equals("false"))) {
                throw invalid(where, "traits.churned must be true or false");
            }
            attributes.put(Attributes.CHURNED, flag);
        }
        customTraits(traits, where, attributes);
        return new Signal(AccountKey.product(groupId), SignalKind.ACCOUNT_TRAITS, at, "group", orEmpty(userId),
                Double.NaN, attributes);
    }

    /** Every other scalar trait is a custom account attribute, within the contract's limits (400 beyond them). */
    private static void customTraits(JsonNode traits, String where, Map<String, String> attributes) {
        int[] count = {0};
        traits.fields().forEachRemaining(e -> {
            JsonNode value = e.getValue();
            if (CustomAttributes.RESERVED.contains(e.getKey()) || !value.isValueNode() || value.isNull()) return;
            String text = value.asText();
            String problem = CustomAttributes.problem(e.getKey(), text);
            if (problem != null) throw invalid(where, "traits: " + problem);
            if (++count[0] > CustomAttributes.MAX_PER_ACCOUNT) {
                throw invalid(where, "traits: at most " + CustomAttributes.MAX_PER_ACCOUNT + " custom attributes");
            }
            attributes.put(CustomAttributes.key(e.getKey()), text);
        });
    }

    private static AccountKey account(String groupId, String userId, String where) {
        if (groupId != null && !groupId.isBlank()) return AccountKey.product(groupId);
        if (userId != null && !userId.isBlank()) return AccountKey.productUser(userId);
        throw invalid(where, "no account: give context.groupId, or a userId that a group call has tied to an account");
    }

    private Instant timestamp(JsonNode m, String where) {
        String stamp = firstText(m.path("timestamp"), m.path("originalTimestamp"));
        if (stamp == null) throw invalid(where, "timestamp is required (the time the event happened)");
        Instant at;
        try {
            at = OffsetDateTime.parse(stamp).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(where, "timestamp is not ISO-8601: " + stamp);
        }
        if (at.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw invalid(where, "timestamp is more than 5 minutes in the future: " + stamp);
        }
        return at;
    }

    private static Map<String, String> scalars(JsonNode properties) {
        Map<String, String> out = new LinkedHashMap<>();
        properties.fields().forEachRemaining(e -> {
            if (out.size() < 20 && e.getValue().isValueNode() && !e.getValue().isNull()) {
                String value = e.getValue().asText();
                out.put(e.getKey(), value.length() > 200 ? value.substring(0, 200) : value);
            }
        });
        return out;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode n : nodes) {
            if (n != null && n.isValueNode() && !n.isNull() && !n.asText().isBlank()) return n.asText();
        }
        return null;
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static MessageRejected invalid(String where, String detail) {
        return new MessageRejected(MessageRejected.INVALID, where + ": " + detail);
    }
}
