package io.csbridge.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether events this node accepted may still turn into outbox writes: from the inbox's commit until the
 * processor looks and finds nothing new. While they are in flight the delivery lets a partial batch
 * linger for them; when the processor catches up, the rest of a burst can go at once.
 */
final class EventsInFlight {

    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean inFlight;

    /** The inbox committed new events. */
    synchronized void accepted() {
        accepted.incrementAndGet();
        inFlight = true;
    }

    /** Taken before the processor claims a batch, and handed back to {@link #processed}. */
    long mark() {
        return accepted.get();
    }

    /**
     * The processor finished a batch of {@code n} events, having started after {@code mark}.
     *
     * @return whether it has just caught up (nothing was left, and nothing arrived meanwhile)
     */
    synchronized boolean processed(int n, long mark) {
        if (n > 0) {
            inFlight = true;
            return false;
        }
        if (inFlight && accepted.get() == mark) {
            inFlight = false;
            return true;
        }
        return false;
    }

    boolean any() {
        return inFlight;
    }
}
