package io.csbridge.inbox;

import io.csbridge.domain.signal.Signal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One verified delivery on its way into the inbox.
 *
 * @param source    usage, zendesk, salesforce, slack ...
 * @param dedupeKey the sender's id for the delivery; the same key from the same source is stored once
 * @param eventTime the time the sender stamped
 * @param payload   the verified raw message
 * @param signals   what the message means, already translated
 */
public record InboxEntry(String source, String dedupeKey, Instant eventTime, String payload, List<Signal> signals) {

    public InboxEntry {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        Objects.requireNonNull(eventTime, "eventTime");
        Objects.requireNonNull(payload, "payload");
        signals = List.copyOf(signals);
        if (dedupeKey.length() > 255) {
            throw new IllegalArgumentException("dedupe key longer than 255 characters");
        }
    }
}
