package io.csbridge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The request budgets every node shares (the port; {@code store/budgets/BudgetStore} keeps them in the
 * database): a vendor's limit holds for the whole cluster, so N nodes together send no more than one
 * node may. A budget is named by what it limits ({@link VendorBudgetNames}).
 */
public interface VendorBudgets {

    /**
     * Takes one request from {@code name}'s {@code limit} per {@code window} (a sliding window over
     * every node's requests), unless the vendor asked everyone to wait.
     *
     * @return zero when taken, else how long until one frees or the pause ends (nothing taken)
     */
    Duration take(String name, int limit, Duration window);

    /** The vendor asked everyone to wait (a 429's Retry-After): no node takes from {@code name} for {@code duration}. */
    void pause(String name, Duration duration);

    /** Holds {@code name} for exactly {@code duration} from now (a reserve reached; replaces any pause). */
    void holdFor(String name, Duration duration);

    /** Lifts any pause or hold on {@code name}. */
    void release(String name);

    /**
     * For a budget held until the vendor's usage is read again: empty when a call may go now, which is
     * when nothing holds {@code name}, or when the hold has ended and this caller is the one (of every node)
     * that re-reads, holding the others for {@code recheck} more; else how long to wait.
     */
    Optional<Duration> passOrWait(String name, Duration recheck);

    /** Requests taken from {@code name} in the last {@code window}, and a pause still running, for an operator. */
    Usage usage(String name, Duration window);

    record Usage(int used, Optional<Instant> pausedUntil) {
    }
}
