package io.csbridge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The outbox table as delivery sees it: due writes claimed under a lease, and their outcomes recorded.
 * Each call is one transaction of its own. Implemented by the persistence layer.
 */
public interface PendingWrites {

    /**
     * Claims due writes of one channel: each gets a lease (its next attempt moved {@code lease} ahead), so
     * no other node takes it meanwhile, and a crashed node's writes come due again when the lease runs out.
     */
    List<OutboundWrite> claimDue(String channel, Instant now, int limit, Duration lease);

    /** Claims due writes of channels other than {@code channels}, by channel in the order claimed. */
    Map<String, List<OutboundWrite>> claimDueExcept(List<String> channels, Instant now, int limit, Duration lease);

    /** How many of this channel's writes are due, counted up to {@code upTo}. */
    int countDue(String channel, Instant now, int upTo);

    /** Records the calls a sandbox channel would have made for {@code batch}, and the batch as delivered. */
    void recordSandbox(String channel, List<OutboundWrite> batch, List<VendorCall> calls, Instant now);

    /** Records the settlements in their order, delivered ones as of {@code now}. */
    void settle(List<Settlement> settlements, Instant now);
}
