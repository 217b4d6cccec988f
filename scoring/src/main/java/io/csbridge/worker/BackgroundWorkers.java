package io.csbridge.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;

/**
 * A feature's background workers (the reconciliations, the nudge sweep and digest): each on a thread of
 * the given factory, all stopped together, waiting for each to end so no run outlives the beans it uses.
 */
public final class BackgroundWorkers {

    private final ThreadFactory factory;
    private final List<PipelineWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    public BackgroundWorkers(ThreadFactory factory) {
        this.factory = factory;
    }

    public synchronized void start(PipelineWorker worker, String threadName) {
        Thread t = factory.newThread(worker);
        t.setName(threadName);
        t.setDaemon(true);
        t.start();
        workers.add(worker);
        threads.add(t);
    }

    /** Stops every worker and waits up to {@code join} for each thread. */
    public synchronized void stopAll(Duration join) {
        workers.forEach(PipelineWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(join.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
        threads.clear();
    }
}
