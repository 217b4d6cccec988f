package io.csbridge.outbox;

import java.time.Instant;
import java.util.Map;

/**
 * One intended write to a vendor, as the outbox hands it to a channel.
 *
 * @param target  the vendor's id of the record to write (Salesforce Account Id, Zendesk organization id ...)
 * @param fields  the values to write, in the channel's own terms
 * @param attempt 1 for the first try
 */
public record OutboundWrite(long outboxId, String accountId, String target, Map<String, Object> fields,
                            Instant asOf, int attempt) {

    public OutboundWrite {
        fields = Map.copyOf(fields);
    }
}
