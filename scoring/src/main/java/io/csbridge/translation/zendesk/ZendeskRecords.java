package io.csbridge.translation.zendesk;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Attributes;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.EntryBounds;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.translation.RecordRejected;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Zendesk's records mean, for the webhook and for the incremental exports alike: the signal kind of a
 * ticket change, organization traits, a satisfaction rating, and the dedupe keys. A ticket is keyed by
 * id, {@code updated_at} and the change ({@code ticket:42:2026-01-15T10:00:00Z:solved}), as the shipped
 * trigger keys it, so a ticket exported after its webhook arrived counts once.
 */
public final class ZendeskRecords {

    public static final String SOURCE = "zendesk";

    private ZendeskRecords() {
    }

    /** The dedupe key of one change of a ticket; {@code change} null when the sender did not say. */
    public static String ticketKey(String ticketId, Instant updatedAt, String change) {
        return "ticket:" + ticketId + ":" + updatedAt + (change == null ? "" : ":" + change);
    }

    /** The signal a trigger's event (created, updated, solved, reopened) means. */
    public static SignalKind ticketKind(String change) {
        return switch (change) {
            case "created" -> SignalKind.TICKET_CREATED;
            case "solved" -> SignalKind.TICKET_SOLVED;
            case "reopened" -> SignalKind.TICKET_REOPENED;
            default -> SignalKind.TICKET_UPDATED;
        };
    }

    /**
     * The change an exported ticket shows in its current state: created when nothing changed since it was
     * created, solved when solved, closed or deleted, else updated (a reopening looks like an update).
     */
    public static String changeOf(String status, String createdAt, String updatedAt) {
        String s = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
        if (TicketState.isSolved(s) || s.equals("deleted")) return "solved";
        if (createdAt != null && createdAt.equals(updatedAt)) return "created";
        return "updated";
    }

    /** An organization's name and external id as account traits, keyed by its Zendesk id. */
    public static Signal organizationTraits(String orgId, String name, String externalId, Instant at) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(Attributes.ZENDESK_ORGANIZATION_ID, orgId);
        if (name != null && !name.isBlank()) attributes.put(Attributes.NAME, name);
        if (ZendeskAccount.present(externalId)) attributes.put(Attributes.ZENDESK_EXTERNAL_ID, externalId);
        return new Signal(AccountKey.zendesk(orgId), SignalKind.ACCOUNT_TRAITS, at, "organization", "", Double.NaN, attributes);
    }

    /** One ticket of the incremental ticket export (its current state). */
    public static InboxEntry exportedTicket(String id, String status, String priority, List<String> tags,
                                            String organizationId, String createdAt, String updatedAt, String payload) {
        Instant at = time(updatedAt, "updated_at");
        String change = changeOf(status, createdAt == null ? null : time(createdAt, "created_at").toString(), at.toString());
        TicketState ticket = new TicketState(id, status, priority, String.join(" ", tags),
                ZendeskAccount.of(organizationId, null, null), null);
        Signal signal = ticket.signal(ticketKind(change), at);
        return checked(new InboxEntry(SOURCE, ticketKey(id, at, change), at, payload, signal == null ? List.of() : List.of(signal)));
    }

    /** One organization of the incremental organization export. */
    public static InboxEntry exportedOrganization(String id, String name, String externalId, String updatedAt, String payload) {
        if (!ZendeskAccount.present(id)) throw new RecordRejected("an organization without an id");
        Instant at = time(updatedAt, "updated_at");
        return checked(new InboxEntry(SOURCE, "organization:" + id + ":" + at, at, payload,
                List.of(organizationTraits(id, name, externalId, at))));
    }

    /**
     * One satisfaction rating: good is 1, bad 0; offered or unoffered ratings say nothing. Keyed as the
     * trigger keys a rating (the ticket is updated when it is rated).
     */
    public static InboxEntry exportedRating(String ticketId, String organizationId, String score, String comment,
                                            String updatedAt, String payload) {
        Instant at = time(updatedAt, "updated_at");
        String s = score == null ? "" : score.trim().toLowerCase(Locale.ROOT);
        double value = s.startsWith("good") ? 1 : s.startsWith("bad") ? 0 : Double.NaN;
        List<Signal> signals = new ArrayList<>();
        Signal base = new TicketState(ticketId, null, null, null, ZendeskAccount.of(organizationId, null, null), null)
                .signal(SignalKind.SATISFACTION_RATED, at);
        if (base != null && !Double.isNaN(value)) signals.add(rated(base, value, comment));
        return checked(new InboxEntry(SOURCE, ticketKey(ticketId, at, "satisfaction_rated"), at, payload, signals));
    }

    /** A rating signal with its value and comment (at most 1,000 characters). */
    public static Signal rated(Signal base, double value, String comment) {
        Map<String, String> attributes = new LinkedHashMap<>(base.attributes());
        if (comment != null && !comment.isBlank()) {
            attributes.put(Attributes.COMMENT, comment.length() > 1000 ? comment.substring(0, 1000) : comment);
        }
        return base.withValue(value).withAttributes(attributes);
    }

    private static InboxEntry checked(InboxEntry entry) {
        EntryBounds.violation(entry).ifPresent(reason -> {
            throw new RecordRejected(reason);
        });
        return entry;
    }

    private static Instant time(String stamp, String field) {
        if (stamp == null || stamp.isBlank()) throw new RecordRejected(field + " is required");
        try {
            return OffsetDateTime.parse(stamp.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new RecordRejected(field + " is not ISO-8601: " + stamp);
        }
    }
}
