package io.csbridge.inbox;

import io.csbridge.domain.signal.Attributes;
import io.csbridge.domain.signal.Signal;

import java.util.List;
import java.util.Optional;

/**
 * What the store can hold of an event, checked at the door: an identifier (dedupe key, account key, user,
 * domain, a Salesforce Id or owner, a Zendesk organization) is at most 255 characters, a name at most 500.
 * An event past these bounds would be acknowledged and then fail on insert; the adapters answer it 400.
 */
public final class EntryBounds {

    /** The longest identifier the store keeps (its key columns). */
    public static final int MAX_IDENTIFIER = 255;
    /** The longest account name the store keeps. */
    public static final int MAX_NAME = 500;

    private static final List<String> IDENTIFIER_ATTRIBUTES = List.of(Attributes.DOMAIN, Attributes.OWNER,
            Attributes.SALESFORCE_ACCOUNT_ID, Attributes.ZENDESK_ORGANIZATION_ID, Attributes.ZENDESK_EXTERNAL_ID);

    private EntryBounds() {
    }

    /** @return why the entry cannot be stored as it is (naming the field), or empty when it fits */
    public static Optional<String> violation(InboxEntry entry) {
        if (entry.dedupeKey().length() > MAX_IDENTIFIER) return tooLong("the message id", MAX_IDENTIFIER);
        for (Signal s : entry.signals()) {
            if (s.account().value().length() > MAX_IDENTIFIER) return tooLong("the account key " + s.account().kind(), MAX_IDENTIFIER);
            if (s.user().length() > MAX_IDENTIFIER) return tooLong("the user id", MAX_IDENTIFIER);
            String name = s.attribute(Attributes.NAME);
            if (name != null && name.length() > MAX_NAME) return tooLong("the name", MAX_NAME);
            for (String attribute : IDENTIFIER_ATTRIBUTES) {
                String value = s.attribute(attribute);
                if (value != null && value.length() > MAX_IDENTIFIER) return tooLong(attribute, MAX_IDENTIFIER);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> tooLong(String what, int limit) {
        return Optional.of(what + " is longer than " + limit + " characters");
    }
}
