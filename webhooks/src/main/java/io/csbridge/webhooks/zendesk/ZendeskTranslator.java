package io.csbridge.webhooks.zendesk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.inbox.EntryBounds;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.translation.zendesk.TicketState;
import io.csbridge.translation.zendesk.ZendeskAccount;
import io.csbridge.translation.zendesk.ZendeskRecords;
import io.csbridge.webhooks.HookRejection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One Zendesk webhook delivery translated into one inbox entry. Two formats arrive:
 * <ul>
 *   <li>event subscriptions: {@code {"type":"zen:event-type:ticket.status_changed","id","time","subject",
 *       "detail":{...},"event":{...}}}, deduplicated by the event {@code id};</li>
 *   <li>the trigger body shipped in {@code deploy/zendesk/trigger-body.json}: {@code {"event":"solved",
 *       "ticket":{...}}}, deduplicated by ticket id + {@code updated_at} (+ the trigger's event, because
 *       two CS Bridge triggers may fire on the same update).</li>
 * </ul>
 * The event time is the time Zendesk stamped, never the arrival.
 */
public final class ZendeskTranslator {

    public static final String SOURCE = ZendeskRecords.SOURCE;
    static final String EVENT_TYPE = "zen:event-type:";
    /** The values of {@code "event"} the shipped triggers send. */
    static final List<String> TRIGGER_EVENTS = List.of("created", "updated", "solved", "reopened", "satisfaction_rated");
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final Clock clock;

    public ZendeskTranslator(Clock clock) {
        this.clock = clock;
    }

    /** @throws HookRejection 400 when the body is not a Zendesk event, or holds more than the store keeps */
    public InboxEntry translate(String body) {
        InboxEntry entry = parse(body);
        EntryBounds.violation(entry).ifPresent(reason -> {
            throw invalid(reason);
        });
        return entry;
    }

    private InboxEntry parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw HookRejection.malformed("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw HookRejection.malformed("expected a JSON object");
        String type = text(root, "type");
        if (type != null && type.startsWith(EVENT_TYPE)) return subscriptionEvent(root, type.substring(EVENT_TYPE.length()), body);
        if (root.path("ticket").isObject()) return triggerDelivery(root, body);
        throw invalid("neither a Zendesk event (\"type\": \"zen:event-type:...\") nor the CS Bridge trigger body (a \"ticket\" object)");
    }

    // ---- event subscriptions -------------------------------------------------------------------

    private InboxEntry subscriptionEvent(JsonNode root, String type, String body) {
        String id = text(root, "id");
        if (id == null || id.isBlank()) throw invalid("the event has no id");
        if (id.length() > 255) throw invalid("the event id is longer than 255 characters");
        JsonNode detail = root.path("detail");
        Instant at = time(firstText(root.path("time"), detail.path("updated_at")), "time");
        List<Signal> signals = new ArrayList<>();
        if (type.startsWith("ticket.")) {
            Signal s = ticketEvent(type.substring("ticket.".length()), root, detail, at);
            if (s != null) signals.add(s);
        } else if (type.startsWith("organization.") && !type.equals("organization.deleted")) {
            Signal s = organizationTraits(root, detail, at);
            if (s != null) signals.add(s);
        }
        // Other event types (users, articles ...) are verified and kept, but say nothing about health yet.
        return new InboxEntry(SOURCE, id, at, body, signals);
    }

    private static Signal ticketEvent(String change, JsonNode root, JsonNode detail, Instant at) {
        String ticketId = firstText(detail.path("id"), idFromSubject(text(root, "subject"), "zen:ticket:"));
        if (ticketId == null) throw invalid("a ticket event needs detail.id or a zen:ticket: subject");
        JsonNode event = root.path("event");
        String status = text(detail, "status");
        String previousStatus = null;
        if (change.equals("status_changed")) {
            String current = statusOf(event.path("current"));
            if (current != null) status = current;
            previousStatus = statusOf(event.path("previous"));
        }
        TicketState ticket = new TicketState(ticketId, status, text(detail, "priority"), tags(detail.path("tags")),
                ZendeskAccount.of(text(detail, "organization_id"), null, null), null);
        SignalKind kind = switch (change) {
            case "created" -> SignalKind.TICKET_CREATED;
            case "status_changed" -> TicketState.isSolved(ticket.status()) ? SignalKind.TICKET_SOLVED
                    : TicketState.isSolved(previousStatus) ? SignalKind.TICKET_REOPENED : SignalKind.TICKET_UPDATED;
            // A deleted or spam ticket no longer waits for an answer.
            case "soft_deleted", "permanently_deleted", "marked_as_spam" -> SignalKind.TICKET_SOLVED;
            default -> SignalKind.TICKET_UPDATED;
        };
        return ticket.signal(kind, at);
    }

    /** {@code event.current} is a status string, or an object holding one. */
    private static String statusOf(JsonNode value) {
        if (value.isTextual()) return value.asText();
        if (value.isObject()) return text(value, "status");
        return null;
    }

    private static Signal organizationTraits(JsonNode root, JsonNode detail, Instant at) {
        String orgId = firstText(detail.path("id"), idFromSubject(text(root, "subject"), "zen:organization:"));
        if (!ZendeskAccount.present(orgId)) throw invalid("an organization event needs detail.id or a zen:organization: subject");
        return ZendeskRecords.organizationTraits(orgId, text(detail, "name"), text(detail, "external_id"), at);
    }

    private static JsonNode idFromSubject(String subject, String prefix) {
        if (subject == null || !subject.startsWith(prefix)) return Json.MAPPER.missingNode();
        return Json.MAPPER.getNodeFactory().textNode(subject.substring(prefix.length()));
    }

    // ---- the shipped trigger body --------------------------------------------------------------

    private InboxEntry triggerDelivery(JsonNode root, String body) {
        JsonNode t = root.path("ticket");
        String ticketId = text(t, "id");
        if (ticketId == null || !ticketId.matches("\\d{1,20}")) {
            throw invalid("ticket.id must be the ticket number (is the trigger body the one in deploy/zendesk?)");
        }
        String event = text(root, "event");
        event = event == null || event.isBlank() ? null : event.trim().toLowerCase(Locale.ROOT);
        if (event != null && !TRIGGER_EVENTS.contains(event)) {
            throw invalid("event must be one of " + TRIGGER_EVENTS + ", not '" + event + "'");
        }
        String updatedAt = firstText(t.path("updated_at"), t.path("created_at"));
        Instant at = time(updatedAt, "ticket.updated_at");
        JsonNode org = t.path("organization");
        TicketState ticket = new TicketState(ticketId, text(t, "status"), text(t, "priority"), tags(t.path("tags")),
                ZendeskAccount.of(text(org, "id"), text(org, "external_id"), text(t.path("requester"), "email")),
                text(org, "external_id"));
        List<Signal> signals = new ArrayList<>();
        if ("satisfaction_rated".equals(event)) {
            Signal rating = satisfaction(ticket, t.path("satisfaction"), at);
            if (rating != null) signals.add(rating);
        } else {
            Signal s = ticket.signal(triggerKind(event, ticket, t), at);
            if (s != null) signals.add(s);
        }
        String dedupeKey = ZendeskRecords.ticketKey(ticketId, at, event);
        return new InboxEntry(SOURCE, dedupeKey, at, body, signals);
    }

    /** The trigger says which change it saw; a body without {@code event} is read from the status. */
    private static SignalKind triggerKind(String event, TicketState ticket, JsonNode t) {
        if (event == null) {
            if (TicketState.isSolved(ticket.status())) return SignalKind.TICKET_SOLVED;
            String created = text(t, "created_at");
            return created != null && created.equals(text(t, "updated_at")) ? SignalKind.TICKET_CREATED : SignalKind.TICKET_UPDATED;
        }
        return ZendeskRecords.ticketKind(event);
    }

    /** {@code {{satisfaction.current_rating}}} renders as "Good, I'm satisfied", "Bad, I'm unsatisfied", "Offered" ... */
    private static Signal satisfaction(TicketState ticket, JsonNode s, Instant at) {
        String rating = text(s, "rating");
        if (rating == null) return null;
        String r = rating.trim().toLowerCase(Locale.ROOT);
        double value = r.startsWith("good") ? 1 : r.startsWith("bad") ? 0 : Double.NaN;
        Signal base = ticket.signal(SignalKind.SATISFACTION_RATED, at);
        if (base == null || Double.isNaN(value)) return null;
        return ZendeskRecords.rated(base, value, text(s, "comment"));
    }

    // ---- shared ----------------------------------------------------------------------------------

    private Instant time(String stamp, String field) {
        if (stamp == null || stamp.isBlank()) throw invalid(field + " is required (the time Zendesk stamped)");
        Instant at;
        try {
            at = OffsetDateTime.parse(stamp.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(field + " is not ISO-8601: " + stamp);
        }
        if (at.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw invalid(field + " is more than 5 minutes in the future: " + stamp);
        }
        return at;
    }

    /** Tags as Zendesk writes them in placeholders: space-separated; the event format sends an array. */
    private static String tags(JsonNode tags) {
        if (tags.isArray()) {
            List<String> out = new ArrayList<>();
            tags.forEach(tag -> {
                if (tag.isValueNode() && !tag.asText().isBlank()) out.add(tag.asText().trim());
            });
            return String.join(" ", out);
        }
        return tags.isValueNode() && !tags.isNull() ? tags.asText() : null;
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

    private static HookRejection invalid(String detail) {
        return new HookRejection(400, "invalid_message", detail);
    }
}
