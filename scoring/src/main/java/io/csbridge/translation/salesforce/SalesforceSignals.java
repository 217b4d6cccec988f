package io.csbridge.translation.salesforce;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Attributes;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.EntryBounds;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.translation.RecordRejected;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a Salesforce record means, for the Outbound Message webhook and the backfill alike: Accounts give
 * account traits and onboarding milestones, closed Opportunities {@code OPPORTUNITY_CLOSED}; other
 * sObjects say nothing yet. The entry is stamped with the record's {@code LastModifiedDate} (a closed
 * Opportunity with its close date) and keyed by the record and that stamp ({@code Account/001.../2026-01-15T10:00:00Z};
 * a closed Opportunity by its outcome), so the webhook, a backfill and a repeated backfill count it once.
 */
public final class SalesforceSignals {

    public static final String SOURCE = "salesforce";
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private final SalesforceFields fields;
    private final Clock clock;

    public SalesforceSignals(SalesforceFields fields, Clock clock) {
        this.fields = fields;
        this.clock = clock;
    }

    /**
     * @param payload the record as received, kept for audit and replay
     * @throws RecordRejected when the record has no Id or stamp, or holds more than the store keeps
     */
    public InboxEntry entry(SalesforceRecord record, String payload) {
        String id = required(record, "Id");
        Instant modified = lastModified(record);
        List<Signal> signals;
        String key;
        Instant at = modified;
        switch (record.type()) {
            case "Account" -> {
                signals = account(record, id, modified);
                key = "Account/" + id + "/" + modified;
            }
            case "Opportunity" -> {
                at = closeTime(record, modified);
                signals = opportunity(record, id, at);
                key = signals.isEmpty() ? "Opportunity/" + id + "/" + modified
                        : "Opportunity/" + id + "/closed-" + signals.get(0).attribute(Attributes.OUTCOME);
            }
            default -> {
                signals = List.of();
                key = record.type() + "/" + id + "/" + modified;
            }
        }
        InboxEntry entry = new InboxEntry(SOURCE, key, at, payload, signals);
        EntryBounds.violation(entry).ifPresent(reason -> {
            throw new RecordRejected(reason);
        });
        return entry;
    }

    private List<Signal> account(SalesforceRecord r, String id, Instant at) {
        AccountKey key = AccountKey.salesforce(id);
        Map<String, String> a = new LinkedHashMap<>();
        a.put(Attributes.SALESFORCE_ACCOUNT_ID, id);
        text(a, Attributes.NAME, r.field(fields.name()));
        text(a, Attributes.OWNER, r.field(fields.owner()));
        text(a, Attributes.PLAN, r.field(fields.plan()));
        number(a, Attributes.ARR, fields.arr(), r.field(fields.arr()));
        number(a, Attributes.SEATS, fields.seats(), r.field(fields.seats()));
        text(a, Attributes.DOMAIN, domainOf(r.field(fields.website())));
        date(a, Attributes.RENEWAL_DATE, r.field(fields.renewalDate()));
        date(a, Attributes.START_DATE, r.field(fields.startDate()));
        bool(a, Attributes.CHURNED, r.field(fields.churned()));
        text(a, Attributes.ZENDESK_ORGANIZATION_ID, r.field(fields.zendeskOrganizationId()));
        List<Signal> signals = new ArrayList<>();
        signals.add(new Signal(key, SignalKind.ACCOUNT_TRAITS, at, "account", "", Double.NaN, a));
        r.fields().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(field -> {
            String milestone = fields.milestoneOf(field.getKey());
            if (milestone != null && "true".equalsIgnoreCase(field.getValue().trim())) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put(Attributes.MILESTONE_SOURCE, "crm");
                if (a.containsKey(Attributes.DOMAIN)) m.put(Attributes.DOMAIN, a.get(Attributes.DOMAIN));
                signals.add(new Signal(key, SignalKind.MILESTONE_REACHED, at, milestone, "", Double.NaN, m));
            }
        });
        return signals;
    }

    private List<Signal> opportunity(SalesforceRecord r, String id, Instant at) {
        String accountId = r.field("AccountId");
        String stage = r.field("StageName");
        if (!closed(r) || accountId == null || accountId.isBlank()) return List.of();
        boolean won = r.field("IsWon") != null ? "true".equalsIgnoreCase(r.field("IsWon"))
                : stage != null && stage.trim().equalsIgnoreCase("closed won");
        String type = opportunityType(r.field(fields.opportunityType()));
        if (type == null) return List.of(); // an unclassified type would only mislead the KPIs
        Map<String, String> a = new LinkedHashMap<>();
        a.put(Attributes.OPPORTUNITY_TYPE, type);
        a.put(Attributes.OUTCOME, won ? "won" : "lost");
        a.put(Attributes.SALESFORCE_ACCOUNT_ID, accountId.trim());
        date(a, "closeDate", r.field("CloseDate"));
        text(a, "stage", stage);
        // an amount Salesforce did not write as a number is left out, the rest still counts
        double amount = bounded(fields.opportunityAmount(), r.field(fields.opportunityAmount()))
                .map(java.math.BigDecimal::doubleValue).orElse(Double.NaN);
        return List.of(new Signal(AccountKey.salesforce(accountId.trim()), SignalKind.OPPORTUNITY_CLOSED, at, id, "", amount, a));
    }

    private static boolean closed(SalesforceRecord r) {
        String stage = r.field("StageName");
        return "true".equalsIgnoreCase(r.field("IsClosed")) || (stage != null && stage.trim().toLowerCase(Locale.ROOT).startsWith("closed"));
    }

    /** A closed Opportunity counts on its close date (midnight UTC), unless that is after its last change. */
    private static Instant closeTime(SalesforceRecord r, Instant modified) {
        String close = r.field("CloseDate");
        if (!closed(r) || close == null || close.trim().length() < 10) return modified;
        try {
            Instant day = LocalDate.parse(close.trim().substring(0, 10)).atStartOfDay(ZoneOffset.UTC).toInstant();
            return day.isAfter(modified) ? modified : day;
        } catch (DateTimeParseException e) {
            return modified;
        }
    }

    /** renewal, upsell, cross-sell, new or downgrade; configured values first, then what the name says. */
    public String opportunityType(String raw) {
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

    private Instant lastModified(SalesforceRecord r) {
        String stamp = r.field("LastModifiedDate");
        if (stamp == null || stamp.isBlank()) stamp = r.field("SystemModstamp");
        if (stamp == null || stamp.isBlank()) {
            throw new RecordRejected("add LastModifiedDate to the " + r.type() + "'s fields (it orders late and retried records)");
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(normalOffset(stamp.trim())).toInstant();
        } catch (DateTimeParseException e) {
            throw new RecordRejected("LastModifiedDate is not an ISO-8601 date-time: " + stamp);
        }
        if (at.isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw new RecordRejected("LastModifiedDate is more than 5 minutes in the future: " + stamp);
        }
        return at;
    }

    /** The REST API writes {@code 2026-01-15T10:00:00.000+0000}; ISO-8601 wants {@code +00:00}. */
    private static String normalOffset(String stamp) {
        return stamp.matches(".*[+-]\\d{4}$") ? stamp.substring(0, stamp.length() - 2) + ":" + stamp.substring(stamp.length() - 2) : stamp;
    }

    /** {@code https://www.Acme.com/about} is {@code acme.com}; null when it is not a host name. */
    public static String domainOf(String website) {
        return Websites.domainOf(website);
    }

    private static String required(SalesforceRecord r, String field) {
        String value = r.field(field);
        if (value == null || value.isBlank()) throw new RecordRejected("the " + r.type() + " has no " + field);
        return value.trim();
    }

    private static void text(Map<String, String> a, String key, String value) {
        if (value != null && !value.isBlank()) a.put(key, value.trim());
    }

    /**
     * Salesforce writes doubles (1.2E7); the vocabulary wants plain decimals, bounded before conversion
     * ({@link SalesforceNumber}). A mapped field that is not numeric is left out; NaN, negative or
     * out-of-range values refuse the record (the webhook answers 400).
     */
    private static void number(Map<String, String> a, String key, String field, String value) {
        bounded(field, value).ifPresent(v -> a.put(key, v.toPlainString()));
    }

    private static java.util.Optional<java.math.BigDecimal> bounded(String field, String value) {
        try {
            return SalesforceNumber.amount(field, value);
        } catch (SalesforceNumber.Refused e) {
            throw new RecordRejected(e.getMessage());
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
}
