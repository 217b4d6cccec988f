package io.csbridge.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether events this node accepted may still turn into outbox writes: from the inbox's commit until the
 * processor looks and finds nothing new, and whether a batch is being processed right now. While events
 * are in flight the delivery lets a partial batch linger for them; when the processor catches up, the
 * rest of a burst can go at once.
 */
final class EventsInFlight implements ScoringProgress {

    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean inFlight;
    private volatile boolean running;
    private volatile long finished;

    /** The inbox committed new events. */
    synchronized void accepted() {
        accepted.incrementAndGet();
        inFlight = true;
    }

    /** The processor starts a batch. @return the mark to hand back to {@link #processed} */
    long starting() {
        running = true;
        return accepted.get();
    }

    /**
     * The processor finished a batch of {@code n} events, having started it at {@code mark}.
     *
     * @return whether it has just caught up (nothing was left, and nothing arrived meanwhile)
     */
    synchronized boolean processed(int n, long mark) {
        running = false;
        finished++;
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

    /** The batch failed (the database may be down): nothing is known to be coming. */
    synchronized void failed() {
        running = false;
        finished++;
    }

    @Override
    public boolean eventsInFlight() {
        return inFlight;
    }

    @Override
    public boolean batchRunning() {
        return running;
    }

    @Override
    public long batchesFinished() {
        return finished;
    }
}
