package io.csbridge.webhooks.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.inbox.EntryBounds;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.domain.signal.Attributes;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.webhooks.HookRejection;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Each notification of an Outbound Message becomes one inbox entry, deduplicated by its Notification
 * Id and stamped with the record's {@code LastModifiedDate}: Salesforce retries out of order and
 * sends only current values, so the stamp is what lets the processor keep the newest state.
 * Accounts give account traits and onboarding milestones; closed Opportunities give
 * {@code OPPORTUNITY_CLOSED}. Other sObjects are kept but say nothing yet.
 */
public final class OutboundMessageTranslator {

    public static final String SOURCE = "salesforce";
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final SalesforceFields fields;
    private final Clock clock;

    public OutboundMessageTranslator(SalesforceFields fields, Clock clock) {
        this.fields = fields;
        this.clock = clock;
    }

    public List<InboxEntry> translate(OutboundMessage message) {
        List<InboxEntry> entries = new ArrayList<>(message.notifications().size());
        for (OutboundMessage.Notification n : message.notifications()) {
            Instant at = lastModified(n);
            List<Signal> signals = switch (n.sObject()) {
                case "Account" -> account(n, at);
                case "Opportunity" -> opportunity(n, at);
                default -> List.of();
            };
            InboxEntry entry = new InboxEntry(SOURCE, n.id(), at, payload(message, n), signals);
            EntryBounds.violation(entry).ifPresent(reason -> {
                throw invalid("Notification " + n.id() + ": " + reason);
            });
            entries.add(entry);
        }
        return entries;
    }

    private List<Signal> account(OutboundMessage.Notification n, Instant at) {
        String id = required(n, "Id");
        AccountKey key = AccountKey.salesforce(id);
        Map<String, String> a = new LinkedHashMap<>();
        a.put(Attributes.SALESFORCE_ACCOUNT_ID, id);
        text(a, Attributes.NAME, n.field(fields.name()));
        text(a, Attributes.OWNER, n.field(fields.owner()));
        text(a, Attributes.PLAN, n.field(fields.plan()));
        number(n, a, Attributes.ARR, fields.arr());
        number(n, a, Attributes.SEATS, fields.seats());
        text(a, Attributes.DOMAIN, domainOf(n.field(fields.website())));
        date(a, Attributes.RENEWAL_DATE, n.field(fields.renewalDate()));
        date(a, Attributes.START_DATE, n.field(fields.startDate()));
        bool(a, Attributes.CHURNED, n.field(fields.churned()));
        text(a, Attributes.ZENDESK_ORGANIZATION_ID, n.field(fields.zendeskOrganizationId()));
        List<Signal> signals = new ArrayList<>();
        signals.add(new Signal(key, SignalKind.ACCOUNT_TRAITS, at, "account", "", Double.NaN, a));
        for (var field : n.fields().entrySet()) {
            String milestone = fields.milestoneOf(field.getKey());
            if (milestone != null && "true".equalsIgnoreCase(field.getValue().trim())) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put(Attributes.MILESTONE_SOURCE, "crm");
                if (a.containsKey(Attributes.DOMAIN)) m.put(Attributes.DOMAIN, a.get(Attributes.DOMAIN));
                signals.add(new Signal(key, SignalKind.MILESTONE_REACHED, at, milestone, "", Double.NaN, m));
            }
        }
        return signals;
    }

    private List<Signal> opportunity(OutboundMessage.Notification n, Instant at) {
        String id = required(n, "Id");
        String accountId = n.field("AccountId");
        String stage = n.field("StageName");
        boolean closed = "true".equalsIgnoreCase(n.field("IsClosed"))
                || (stage != null && stage.trim().toLowerCase(Locale.ROOT).startsWith("closed"));
        if (!closed || accountId == null || accountId.isBlank()) return List.of();
        boolean won = n.field("IsWon") != null ? "true".equalsIgnoreCase(n.field("IsWon"))
                : stage != null && stage.trim().equalsIgnoreCase("closed won");
        String type = opportunityType(n.field(fields.opportunityType()));
        if (type == null) return List.of(); // an unclassified type would only mislead the KPIs
        Map<String, String> a = new LinkedHashMap<>();
        a.put(Attributes.OPPORTUNITY_TYPE, type);
        a.put(Attributes.OUTCOME, won ? "won" : "lost");
        a.put(Attributes.SALESFORCE_ACCOUNT_ID, accountId.trim());
        date(a, "closeDate", n.field("CloseDate"));
        text(a, "stage", stage);
        // an amount Salesforce did not write as a number is left out, the rest still counts
        double amount = bounded(n, fields.opportunityAmount()).map(BigDecimal::doubleValue).orElse(Double.NaN);
        return List.of(new Signal(AccountKey.salesforce(accountId), SignalKind.OPPORTUNITY_CLOSED, at, id, "", amount, a));
    }

    /** renewal, upsell, cross-sell, new or downgrade; configured values first, then what the name says. */
    String opportunityType(String raw) {
        if (raw == null || raw.isBlank()) return null;
        String value = raw.trim().toLowerCase(Locale.ROOT);
        String configured = fields.opportunityTypes().get(value);
        if (configured != null) return configured;
        if (value.contains("renew")) return "renewal";
        if (value.contains("cross")) return "cross-sell";
        if (value.contains("downgrade") || value.contains("contraction")) return "downgrade";
        if (value.contains("upsell") || value.contains("up-sell") || value.contains("upgrade") || value.contains("expansion")) {
            return "upsell";
        }
        if (value.startsWith("new")) return "new";
        return null;
    }

    private Instant lastModified(OutboundMessage.Notification n) {
        String stamp = n.field("LastModifiedDate");
        if (stamp == null || stamp.isBlank()) stamp = n.field("SystemModstamp");
        if (stamp == null || stamp.isBlank()) {
            throw invalid("Notification " + n.id() + ": add LastModifiedDate to the Outbound Message's fields "
                    + "(it orders late and retried notifications)");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(stamp.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid("Notification " + n.id() + ": LastModifiedDate is not an ISO-8601 date-time: " + stamp);
        }
        if (at.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw invalid("Notification " + n.id() + ": LastModifiedDate is more than 5 minutes in the future: " + stamp);
        }
        return at;
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

    /** {@code https://www.Acme.com/about} is {@code acme.com}; null when it is not a host name. */
    static String domainOf(String website) {
        if (website == null || website.isBlank()) return null;
        String w = website.trim();
        if (!w.contains("://")) w = "http://" + w;
        try {
            String host = new URI(w).getHost();
            if (host == null) return null;
            host = host.toLowerCase(Locale.ROOT);
            if (host.startsWith("www.")) host = host.substring(4);
            return host.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+") ? host : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String required(OutboundMessage.Notification n, String field) {
        String value = n.field(field);
        if (value == null || value.isBlank()) throw invalid("Notification " + n.id() + ": the " + n.sObject() + " has no " + field);
        return value.trim();
    }

    private static void text(Map<String, String> a, String key, String value) {
        if (value != null && !value.isBlank()) a.put(key, value.trim());
    }

    /**
     * Salesforce writes doubles (1.2E7); the vocabulary wants plain decimals, bounded before conversion
     * ({@link SalesforceNumber}). A mapped field that is not numeric is left out; NaN, negative or
     * out-of-range values refuse the message (400).
     */
    private static void number(OutboundMessage.Notification n, Map<String, String> a, String key, String field) {
        bounded(n, field).ifPresent(v -> a.put(key, v.toPlainString()));
    }

    private static java.util.Optional<BigDecimal> bounded(OutboundMessage.Notification n, String field) {
        try {
            return SalesforceNumber.amount(field, n.field(field));
        } catch (SalesforceNumber.Refused e) {
            throw invalid("Notification " + n.id() + ": " + e.getMessage());
        }
    }

    private static void date(Map<String, String> a, String key, String value) {
        if (value == null || value.trim().length() < 10) return;
        try {
            a.put(key, LocalDate.parse(value.trim().substring(0, 10)).toString());
        } catch (DateTimeParseException ignored) {
            // not a date: left out
        }
    }

    private static void bool(Map<String, String> a, String key, String value) {
        if (value == null) return;
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("true") || v.equals("false")) a.put(key, v);
    }

    private static HookRejection invalid(String detail) {
        return new HookRejection(400, "invalid_message", detail);
    }
}
