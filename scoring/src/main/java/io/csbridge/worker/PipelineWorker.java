package io.csbridge.worker;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A loop that runs a step while it finds work, and naps (or waits for a nudge) when there is none: for the
 * idle time, or less when the step knows when its next work comes due.
 */
public final class PipelineWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(PipelineWorker.class.getName());

    private final String name;
    private final IntSupplier step;
    private final long idleNanos;
    private final Supplier<Duration> nextWork;
    private volatile boolean running = true;
    private volatile Thread thread;
    private long total;

    public PipelineWorker(String name, IntSupplier step, long idleMillis) {
        this(name, step, idleMillis, () -> null);
    }

    /** @param nextWork after a step that found nothing: how long until work comes due (null: not known) */
    public PipelineWorker(String name, IntSupplier step, long idleMillis, Supplier<Duration> nextWork) {
        this.name = name;
        this.step = step;
        this.idleNanos = idleMillis * 1_000_000L;
        this.nextWork = nextWork;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long backoff = idleNanos;
        while (running) {
            try {
                int n = step.getAsInt();
                backoff = idleNanos;
                if (n > 0) {
                    total += n;
                    long count = total;
                    LOG.fine(() -> name + ": " + n + " done (" + count + " since start)");
                } else {
                    LockSupport.parkNanos(this, nap());
                }
            } catch (RuntimeException e) {
                // The database may be restarting: keep trying, more slowly, and say so.
                LOG.log(Level.WARNING, name + " failed, retrying in " + backoff / 1_000_000 + " ms: " + e.getMessage());
                LockSupport.parkNanos(this, backoff);
                backoff = Math.min(backoff * 2, 30_000_000_000L);
            }
        }
    }

    private long nap() {
        Duration until = nextWork.get();
        if (until == null) return idleNanos;
        return Math.max(1_000_000L, Math.min(idleNanos, until.toNanos()));
    }

    public void nudge() {
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    public void stop() {
        running = false;
        nudge();
    }

    public Thread thread() {
        return thread;
    }
}
