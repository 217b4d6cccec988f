package io.csbridge.inbox;

import java.time.Clock;
import java.util.List;

/**
 * The inbox table as the {@link Inbox} writer needs it: a group of deliveries stored in one
 * transaction, each entry once per (source, dedupe key). Implemented by the persistence layer.
 */
public interface InboxRows {

    /**
     * Stores every group in one transaction: committed together, or not at all (an unchecked exception).
     *
     * @param clock stamps each group's {@code received_at} as it is stored
     * @return for each group, for each of its entries, whether it was new (true) or a repeat delivery (false)
     */
    List<boolean[]> insertTogether(List<List<InboxEntry>> groups, Clock clock);
}
