package io.csbridge.translation.zendesk;

import io.csbridge.domain.signal.Attributes;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A ticket as one Zendesk delivery describes it, in either format: the id, its status, priority and
 * tags (lower case, tags space-separated as Zendesk writes them) and the account it belongs to.
 */
public record TicketState(String ticketId, String status, String priority, String tags, ZendeskAccount account,
                   String organizationExternalId) {

    public TicketState {
        status = lower(status);
        priority = lower(priority);
        tags = tags == null ? null : tags.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    public static boolean isSolved(String status) {
        String s = lower(status);
        return "solved".equals(s) || "closed".equals(s);
    }

    /** A ticket signal; null when Zendesk gave no way to tell the account. */
    public Signal signal(SignalKind kind, Instant at) {
        if (account.key().isEmpty()) return null;
        Map<String, String> attributes = new LinkedHashMap<>();
        put(attributes, Attributes.STATUS, status);
        put(attributes, Attributes.PRIORITY, priority);
        put(attributes, Attributes.TAGS, tags);
        put(attributes, Attributes.DOMAIN, account.domainHint());
        if (ZendeskAccount.present(organizationExternalId)) attributes.put(Attributes.ZENDESK_EXTERNAL_ID, organizationExternalId);
        return new Signal(account.key().get(), kind, at, ticketId, "", Double.NaN, attributes);
    }

    private static void put(Map<String, String> attributes, String key, String value) {
        if (value != null && !value.isBlank()) attributes.put(key, value);
    }

    /** Zendesk renders an unset priority as "-". */
    private static String lower(String s) {
        return s == null || s.isBlank() || s.trim().equals("-") ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
