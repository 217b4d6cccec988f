package io.csbridge.domain.risk;

import io.csbridge.domain.signal.Attributes;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.time.Instant;
import java.util.List;

/**
 * When an account churned, read from its signals: the CRM's churned trait, or a lost renewal
 * opportunity. A later "churned = false" or a won renewal/new deal brings it back.
 */
public final class ChurnEvents {

    private ChurnEvents() {
    }

    /** Whether the account counts as churned at {@code at}. */
    public static boolean churnedAt(List<Signal> eventOrdered, Instant at) {
        boolean churned = false;
        for (Signal s : eventOrdered) {
            if (s.occurredAt().isAfter(at)) break;
            Boolean flip = flip(s);
            if (flip != null) churned = flip;
        }
        return churned;
    }

    /** The first moment in ({@code after}, {@code until}] the account turned churned, or null. */
    public static Instant firstChurnBetween(List<Signal> eventOrdered, Instant after, Instant until) {
        boolean churned = false;
        for (Signal s : eventOrdered) {
            if (s.occurredAt().isAfter(until)) break;
            Boolean flip = flip(s);
            if (flip == null) continue;
            if (flip && !churned && s.occurredAt().isAfter(after)) return s.occurredAt();
            churned = flip;
        }
        return null;
    }

    /** TRUE when the signal marks churn, FALSE when it marks the account live again, null otherwise. */
    static Boolean flip(Signal s) {
        if (s.kind() == SignalKind.ACCOUNT_TRAITS) {
            String churned = s.attribute(Attributes.CHURNED);
            return churned == null ? null : "true".equalsIgnoreCase(churned.trim());
        }
        if (s.kind() == SignalKind.OPPORTUNITY_CLOSED) {
            String type = s.attribute(Attributes.OPPORTUNITY_TYPE);
            String outcome = s.attribute(Attributes.OUTCOME);
            if (type == null || outcome == null) return null;
            boolean won = "won".equalsIgnoreCase(outcome);
            if ("renewal".equalsIgnoreCase(type)) return !won;
            if ("new".equalsIgnoreCase(type) && won) return false;
        }
        return null;
    }
}
