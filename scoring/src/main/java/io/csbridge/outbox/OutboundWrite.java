package io.csbridge.outbox;

import java.time.Instant;
import java.util.Map;

/**
 * One intended write to a vendor, as the outbox hands it to a channel.
 *
 * @param target  the vendor's id of the record to write (Salesforce Account Id, Zendesk organization id ...)
 * @param fields  the values to write, in the channel's own terms
 * @param attempt 1 for the first try; above 1, an earlier attempt may have reached the vendor (its outcome
 *                was never recorded, e.g. a crash between the call and the settlement)
 * @param key     the write's idempotency key, the same on every attempt and unique to this write: its
 *                outbox dedupe key (or outbox id) and the time it was queued. A channel whose vendor
 *                call is not idempotent by itself (a Salesforce Task insert, a Slack post) sends it so that
 *                a second attempt finds the first one's effect instead of repeating it.
 * @param claim   the token of the claim under which this attempt runs (null outside a claim): only its
 *                holder may settle the write
 */
public record OutboundWrite(long outboxId, String accountId, String target, Map<String, Object> fields,
                            Instant asOf, int attempt, String key, String claim) {

    public OutboundWrite {
        fields = Map.copyOf(fields);
    }

    /** A write outside any claim, keyed by its outbox id. */
    public OutboundWrite(long outboxId, String accountId, String target, Map<String, Object> fields, Instant asOf,
                         int attempt) {
        this(outboxId, accountId, target, fields, asOf, attempt, "outbox-" + outboxId, null);
    }
}
