package io.csbridge.worker;

import java.time.Duration;

/**
 * The sign of life of one pipeline thread: the loop beats each time it comes round, so a thread that has
 * ended, or is stuck in one step for longer than its limit, shows as dead or stale in the health checks.
 */
public final class Heartbeat {

    private final String name;
    private final Duration staleAfter;
    private volatile Thread thread;
    private volatile long lastBeat = System.nanoTime();

    /** @param staleAfter how long the loop may go without coming round before it counts as stuck */
    public Heartbeat(String name, Duration staleAfter) {
        this.name = name;
        this.staleAfter = staleAfter;
    }

    /** The loop starts on the calling thread. */
    public void started() {
        thread = Thread.currentThread();
        beat();
    }

    /** The loop came round. */
    public void beat() {
        lastBeat = System.nanoTime();
    }

    public Thread thread() {
        return thread;
    }

    /** How the thread stands now. */
    public WorkerHealth health() {
        Thread t = thread;
        Duration since = Duration.ofNanos(System.nanoTime() - lastBeat);
        WorkerHealth.State state;
        if (t == null) state = WorkerHealth.State.NOT_STARTED;
        else if (!t.isAlive()) state = WorkerHealth.State.DEAD;
        else if (since.compareTo(staleAfter) > 0) state = WorkerHealth.State.STALE;
        else state = WorkerHealth.State.ALIVE;
        return new WorkerHealth(name, state, since);
    }
}
