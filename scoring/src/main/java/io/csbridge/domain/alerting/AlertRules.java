package io.csbridge.domain.alerting;

import java.time.ZoneId;
import java.util.List;

/**
 * The whole alerting configuration (JSON-serialisable, edited in the admin API).
 *
 * @param ownerSegments    segments whose alerts go to the account owner directly (high-touch)
 * @param perOwnerDailyCap direct alerts one owner gets per day; the rest wait for the daily digest
 * @param zone             where "a day" is counted, e.g. Asia/Tokyo
 */
public record AlertRules(List<AlertRule> rules, List<String> ownerSegments, int perOwnerDailyCap, String zone) {

    public AlertRules {
        rules = List.copyOf(rules);
        ownerSegments = ownerSegments == null ? List.of() : List.copyOf(ownerSegments);
    }

    /** What is wrong with these rules, one line each; empty when they can be used. */
    public List<String> problems() {
        List<String> problems = new java.util.ArrayList<>();
        if (rules == null) return List.of("rules are required");
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            AlertRule r = rules.get(i);
            if (r.id() == null || r.id().isBlank()) problems.add("rules[" + i + "]: id is required");
            else if (!ids.add(r.id())) problems.add("rules[" + i + "]: id '" + r.id() + "' is used twice");
            if (r.kind() == null) problems.add("rules[" + i + "]: kind is required");
            if (r.cooldownHours() < 0) problems.add("rules[" + i + "]: cooldownHours must be >= 0");
            if (r.action() == null || r.action().isBlank()) problems.add("rules[" + i + "]: action (what to do) is required");
        }
        if (perOwnerDailyCap < 0) problems.add("perOwnerDailyCap must be >= 0");
        try {
            zoneId();
        } catch (java.time.DateTimeException e) {
            problems.add("zone '" + zone + "' is not a time zone (e.g. Asia/Tokyo)");
        }
        return problems;
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone == null || zone.isBlank() ? "UTC" : zone);
    }

    /** A sensible start: every kind on, high-touch owners get at most 5 alerts a day. */
    public static AlertRules defaults() {
        return new AlertRules(List.of(
                new AlertRule("entered-red", AlertKind.ENTERED_RED, true, 0, 72, List.of(),
                        "Call the customer this week and agree a recovery plan"),
                new AlertRule("risk-70", AlertKind.RISK_CROSSED, true, 70, 72, List.of(),
                        "Review the drivers and plan a check-in"),
                new AlertRule("onboarding-stalled-14d", AlertKind.ONBOARDING_STALLED, true, 14, 168, List.of(),
                        "Offer an onboarding session for the open milestones"),
                new AlertRule("detractor", AlertKind.DETRACTOR_NPS, true, 6, 24, List.of(),
                        "Reply to the NPS comment within two days"),
                new AlertRule("urgent-tickets-3", AlertKind.URGENT_TICKET_SPIKE, true, 3, 24, List.of(),
                        "Check the urgent tickets with support"),
                new AlertRule("renewal-90d", AlertKind.RENEWAL_AT_RISK, true, 90, 720, List.of(),
                        "Start the renewal conversation with an executive sponsor")),
                List.of("high-touch"), 5, "UTC");
    }
}
