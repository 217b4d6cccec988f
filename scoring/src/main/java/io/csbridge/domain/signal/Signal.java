package io.csbridge.domain.signal;

import io.csbridge.domain.account.AccountKey;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One fact about one account, stamped with the time the sender says it happened.
 * Vendor payloads become signals at the door (the inbound adapters), so everything behind the inbox
 * speaks only this language.
 *
 * @param account    the key the sender used for the account (a groupId, an org id, a domain ...)
 * @param kind       what happened
 * @param occurredAt the sender's timestamp, never the time of arrival
 * @param name       the event name, ticket id, milestone ...; may be empty
 * @param user       the user behind it, if any; may be empty
 * @param value      a number that goes with the kind (NPS score, amount ...), or NaN
 * @param attributes everything else, as text
 */
public record Signal(AccountKey account, SignalKind kind, Instant occurredAt, String name, String user,
                     double value, Map<String, String> attributes) {

    public Signal {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(occurredAt, "occurredAt");
        name = name == null ? "" : name;
        user = user == null ? "" : user;
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static Signal of(AccountKey account, SignalKind kind, Instant occurredAt) {
        return new Signal(account, kind, occurredAt, "", "", Double.NaN, Map.of());
    }

    public boolean hasValue() {
        return !Double.isNaN(value);
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public Signal withName(String newName) {
        return new Signal(account, kind, occurredAt, newName, user, value, attributes);
    }

    public Signal withUser(String newUser) {
        return new Signal(account, kind, occurredAt, name, newUser, value, attributes);
    }

    public Signal withValue(double newValue) {
        return new Signal(account, kind, occurredAt, name, user, newValue, attributes);
    }

    public Signal withAttributes(Map<String, String> newAttributes) {
        return new Signal(account, kind, occurredAt, name, user, value, newAttributes);
    }
}
