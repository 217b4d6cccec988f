package io.csbridge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outbox table as delivery sees it: due writes claimed under a lease, and their outcomes recorded.
 * Each call is one transaction of its own. Implemented by the persistence layer.
 *
 * <p>A claim is a lease and a token. The lease runs on the database's clock, never a node's own, so two
 * nodes whose clocks disagree by minutes never both hold a write; the token (fresh at every claim, carried
 * by {@link OutboundWrite#claim()}) is checked by {@link #settle} and {@link #renew}, so a worker whose
 * lease ran out and whose write another worker claimed since cannot overwrite the new holder's outcome.
 * {@code now} (the caller's clock) only says which writes are due ({@code next_attempt_at}).
 */
public interface PendingWrites {

    /**
     * Claims due writes of one channel that no live claim holds: each gets a fresh token and a lease of
     * {@code lease} on the database's clock, so no other node takes it meanwhile, and a crashed node's
     * writes come due again when the lease runs out.
     */
    List<OutboundWrite> claimDue(String channel, Instant now, int limit, Duration lease);

    /** Claims due writes of channels other than {@code channels}, by channel in the order claimed. */
    Map<String, List<OutboundWrite>> claimDueExcept(List<String> channels, Instant now, int limit, Duration lease);

    /** How many of this channel's writes are due and not held by a live claim, counted up to {@code upTo}. */
    int countDue(String channel, Instant now, int upTo);

    /**
     * Extends the lease of writes still being delivered to {@code lease} from the database's now.
     *
     * @return the ids of those whose claim is no longer this one (settled, or claimed by another)
     */
    List<Long> renew(List<OutboundWrite> writes, Duration lease);

    /** Records the calls a sandbox channel would have made for {@code batch}, and the batch as delivered. */
    void recordSandbox(String channel, List<OutboundWrite> batch, List<VendorCall> calls, Instant now);

    /**
     * Records the settlements in their order, delivered ones as of {@code now}, each only while its claim
     * still holds the write.
     *
     * @return the ids of writes not settled because their claim was lost (another worker holds them now)
     */
    List<Long> settle(List<Settlement> settlements, Instant now);
}
