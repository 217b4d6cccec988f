package io.csbridge.worker;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A loop that runs a step while it finds work, and naps (or waits for a nudge) when there is none: for the
 * idle time, or less when the step knows when its next work comes due. It survives anything its step throws
 * (an {@code Error} too): the failure is logged once while it repeats and the step is tried again after a
 * backoff, doubling up to 30 s. Its {@link Heartbeat} tells the health checks whether it still comes round.
 */
public final class PipelineWorker implements Runnable {

    private static final Logger LOG = Logger.getLogger(PipelineWorker.class.getName());
    private static final long MAX_BACKOFF_NANOS = 30_000_000_000L;
    /** A step may run this long (a daily rescore of every account) before its worker counts as stuck. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(15);

    private final String name;
    private final IntSupplier step;
    private final long idleNanos;
    private final Supplier<Duration> nextWork;
    private final Heartbeat heartbeat;
    private final FailureLog failures;
    private volatile boolean running = true;
    private long total;

    public PipelineWorker(String name, IntSupplier step, long idleMillis) {
        this(name, step, idleMillis, () -> null);
    }

    /** @param nextWork after a step that found nothing: how long until work comes due (null: not known) */
    public PipelineWorker(String name, IntSupplier step, long idleMillis, Supplier<Duration> nextWork) {
        this(name, step, idleMillis, nextWork, DEFAULT_STALE_AFTER);
    }

    /** @param staleAfter how long one step (or nap) may last before the worker counts as stuck */
    public PipelineWorker(String name, IntSupplier step, long idleMillis, Supplier<Duration> nextWork, Duration staleAfter) {
        this.name = name;
        this.step = step;
        this.idleNanos = idleMillis * 1_000_000L;
        this.nextWork = nextWork;
        Duration napAllowance = Duration.ofMillis(idleMillis * 3);
        this.heartbeat = new Heartbeat(name, staleAfter.compareTo(napAllowance) > 0 ? staleAfter : napAllowance);
        this.failures = new FailureLog(LOG, name);
    }

    @Override
    public void run() {
        heartbeat.started();
        long backoff = Math.max(idleNanos, 1_000_000L);
        try {
            while (running) {
                heartbeat.beat();
                Thread.interrupted(); // a step's stray interrupt must not turn the naps into a busy loop
                try {
                    int n = step.getAsInt();
                    failures.succeeded();
                    backoff = Math.max(idleNanos, 1_000_000L);
                    if (n > 0) {
                        total += n;
                        long count = total;
                        LOG.fine(() -> name + ": " + n + " done (" + count + " since start)");
                    } else {
                        LockSupport.parkNanos(this, nap());
                    }
                } catch (Throwable e) {
                    // The database may be restarting, or a step hit a bug: keep trying, more slowly, and say so once.
                    failures.failed(e, backoff / 1_000_000);
                    LockSupport.parkNanos(this, backoff);
                    backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
                }
            }
        } finally {
            if (running) LOG.severe(name + " has stopped unexpectedly");
        }
    }

    private long nap() {
        Duration until = nextWork.get();
        if (until == null) return idleNanos;
        return Math.max(1_000_000L, Math.min(idleNanos, until.toNanos()));
    }

    /** A long step is still making progress (called between its parts): the worker is not stuck. */
    public void beat() {
        heartbeat.beat();
    }

    public void nudge() {
        Thread t = heartbeat.thread();
        if (t != null) LockSupport.unpark(t);
    }

    public void stop() {
        running = false;
        nudge();
    }

    public Thread thread() {
        return heartbeat.thread();
    }

    /** Whether its thread is alive and its loop comes round. */
    public WorkerHealth health() {
        return heartbeat.health();
    }
}
