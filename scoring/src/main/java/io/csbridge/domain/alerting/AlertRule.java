package io.csbridge.domain.alerting;

import java.util.List;

/**
 * One rule, as configuration (JSON-serialisable).
 *
 * @param threshold     what "crossed" means for the kind: risk 0-100, NPS 0-10, tickets, or days
 * @param cooldownHours how long the same alert (same rule, same account) stays quiet after firing
 * @param segments      the segments it applies to; empty means all
 * @param action        what the person should do, shown in the alert
 */
public record AlertRule(String id, AlertKind kind, boolean enabled, double threshold, int cooldownHours,
                        List<String> segments, String action) {

    public AlertRule {
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    public boolean appliesTo(String segment) {
        return enabled && (segments.isEmpty() || segments.contains(segment));
    }
}
