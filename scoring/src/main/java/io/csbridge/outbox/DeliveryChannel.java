package io.csbridge.outbox;

import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.score.AccountScore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A vendor that scores are written to (Salesforce, Zendesk ...). The port; the connectors module
 * holds the adapters. A channel without credentials is in sandbox mode: the outbox records what it
 * would have sent (from {@link #preview}) instead of calling {@link #deliver}.
 */
public interface DeliveryChannel {

    /** salesforce, zendesk, slack */
    String name();

    boolean live();

    /** The vendor's id of the record this account maps to, if the account has one there. */
    Optional<String> target(AccountKeys keys);

    /** The values this channel writes for a score; compared with the last ones to write only changes. */
    Map<String, Object> fields(AccountScore score);

    /** The most writes one {@link #deliver} call takes (the vendor's batch limit). */
    int maxBatch();

    /** The calls {@link #deliver} would make for these writes. */
    List<VendorCall> preview(List<OutboundWrite> writes);

    /** Writes to the vendor; one outcome per write, in any order. Must not throw for vendor errors. */
    List<DeliveryOutcome> deliver(List<OutboundWrite> writes);

    /**
     * How long this vendor's partial batches wait for company unless {@code outbox.<channel>.linger-ms}
     * says otherwise (the vendor's knowledge, e.g. Zendesk's job-status poll per delivery); empty means
     * the outbox-wide {@code outbox.linger-ms}.
     */
    default Optional<Duration> defaultLinger() {
        return Optional.empty();
    }
}
