package io.csbridge.webhooks.salesforce;


import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.translation.RecordRejected;
import io.csbridge.translation.salesforce.SalesforceFields;
import io.csbridge.translation.salesforce.SalesforceRecord;
import io.csbridge.translation.salesforce.SalesforceSignals;
import io.csbridge.webhooks.HookRejection;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Each notification of an Outbound Message becomes one inbox entry through the one Salesforce mapping
 * ({@link SalesforceSignals}, which the backfill uses too): stamped with the record's
 * {@code LastModifiedDate} (Salesforce retries out of order and sends only current values, so the stamp
 * is what lets the processor keep the newest state) and keyed by the record and that stamp, so a retried
 * notification, and the same record read by a backfill, count once.
 */
public final class OutboundMessageTranslator {

    public static final String SOURCE = SalesforceSignals.SOURCE;

    private final SalesforceSignals signals;

    public OutboundMessageTranslator(SalesforceFields fields, Clock clock) {
        this.signals = new SalesforceSignals(fields, clock);
    }

    public List<InboxEntry> translate(OutboundMessage message) {
        List<InboxEntry> entries = new ArrayList<>(message.notifications().size());
        for (OutboundMessage.Notification n : message.notifications()) {
            try {
                entries.add(signals.entry(new SalesforceRecord(n.sObject(), n.fields()), payload(message, n)));
            } catch (RecordRejected e) {
                throw new HookRejection(400, "invalid_message", "Notification " + n.id() + ": " + e.getMessage());
            }
        }
        return entries;
    }

    /** renewal, upsell, cross-sell, new or downgrade; configured values first, then what the name says. */
    String opportunityType(String raw) {
        return signals.opportunityType(raw);
    }

    /** {@code https://www.Acme.com/about} is {@code acme.com}; null when it is not a host name. */
    static String domainOf(String website) {
        return SalesforceSignals.domainOf(website);
    }

    /** The verified notification, kept for audit and replay (one notification, not the whole message, per entry). */
    private static String payload(OutboundMessage message, OutboundMessage.Notification n) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("organizationId", message.organizationId());
        node.put("actionId", message.actionId());
        node.put("notificationId", n.id());
        node.put("sObject", n.sObject());
        ObjectNode f = node.putObject("fields");
        n.fields().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> f.put(e.getKey(), e.getValue()));
        return node.toString();
    }
}
