package io.csbridge.processing;

import io.csbridge.outbox.ScoringProgress;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether events this node accepted may still turn into outbox writes: from the inbox's commit until the
 * processor looks and finds nothing new; whether its last batch was full (more are already waiting); and
 * whether a batch is being processed right now. While events are in flight the delivery lets a partial
 * batch linger for them; when the processor catches up, the rest of a burst can go at once.
 */
public final class EventsInFlight implements ScoringProgress {

    private final int batchSize;
    private final AtomicLong accepted = new AtomicLong();
    private volatile boolean inFlight;
    private volatile boolean backlog;
    private volatile boolean running;
    private volatile long finished;

    /** @param batchSize the most events the processor takes in one batch */
    public EventsInFlight(int batchSize) {
        this.batchSize = batchSize;
    }

    /** The inbox committed new events. */
    public synchronized void accepted() {
        accepted.incrementAndGet();
        inFlight = true;
    }

    /** The processor starts a batch. @return the mark to hand back to {@link #processed} */
    public long starting() {
        running = true;
        return accepted.get();
    }

    /**
     * The processor finished a batch of {@code n} events, having started it at {@code mark}.
     *
     * @return whether it has just caught up (nothing was left, and nothing arrived meanwhile)
     */
    public synchronized boolean processed(int n, long mark) {
        running = false;
        finished++;
        backlog = n >= batchSize;
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
    public synchronized void failed() {
        running = false;
        backlog = false;
        finished++;
    }

    @Override
    public State state() {
        if (!inFlight) return State.CAUGHT_UP;
        return backlog ? State.BACKLOG : State.IN_FLIGHT;
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
