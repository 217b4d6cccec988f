package io.csbridge.app.jobs;

import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.Transaction;
import io.csbridge.store.jobs.Checkpoint;
import io.csbridge.store.jobs.JobRecord;
import io.csbridge.store.jobs.JobStore;
import io.csbridge.store.jobs.JobSteps;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * One run of a durable job on this node: what it was started with, where it stands, and the ways to
 * move it on. Every checkpoint is conditioned on this node still holding the job, so a run that lost it
 * fails with {@link JobSteps.LostJobException} instead of counting anything twice.
 */
public final class JobRun {

    private final JobRecord job;
    private final String node;
    private final Duration lease;
    private final JobStore store;
    private final JobSteps steps;
    private final Clock clock;
    private final BooleanSupplier stopping;
    private final Runnable onCommitted;
    private volatile boolean cancelled;
    private volatile long lastCancelCheck;

    JobRun(JobRecord job, String node, Duration lease, JobStore store, JobSteps steps, Clock clock,
           BooleanSupplier stopping, Runnable onCommitted) {
        this.job = job;
        this.node = node;
        this.lease = lease;
        this.store = store;
        this.steps = steps;
        this.clock = clock;
        this.stopping = stopping;
        this.onCommitted = onCommitted;
    }

    public long id() {
        return job.id();
    }

    public Map<String, String> params() {
        return job.params();
    }

    /** Where the last checkpoint left the job; null for a fresh one. */
    public String cursor() {
        return job.cursor();
    }

    /** The counts of the last checkpoint (a run resumes them). */
    public long processed() {
        return job.processed();
    }

    public Map<String, Long> counts() {
        return job.counts();
    }

    public Clock clock() {
        return clock;
    }

    /** Whether to stop now: someone cancelled the job (on any node; read at most once a second) or the server stops. */
    public boolean shouldStop() {
        if (stopping.getAsBoolean() || cancelled) return true;
        long now = System.nanoTime();
        if (now - lastCancelCheck > 1_000_000_000L) {
            lastCancelCheck = now;
            cancelled = store.cancelRequested(job.id());
        }
        return cancelled;
    }

    boolean cancelSeen() {
        return cancelled;
    }

    /** Records progress on its own. */
    public void checkpoint(Checkpoint at) {
        steps.checkpointAlone(job.id(), node, lease, at);
    }

    /** Records progress inside the caller's transaction, with the work it follows. */
    public void checkpoint(Transaction tx, Checkpoint at) {
        if (!store.checkpoint(tx, job.id(), node, lease, at)) throw new JobSteps.LostJobException(job.id());
    }

    /**
     * Commits a step that feeds the inbox: its entries, what it skipped (only the first 100 per job are
     * kept: pass none beyond) and its checkpoint, together; then the processor is told.
     *
     * @param at the checkpoint after the step, made from which entries were new, committed with them
     *
     * @return for each entry whether it was new (false: the inbox had it, from a webhook or an earlier run)
     */
    public boolean[] commit(List<InboxEntry> entries, List<JobStore.Rejection> rejected,
                            Function<boolean[], Checkpoint> at) {
        boolean[] fresh = steps.commit(job.id(), node, lease, entries, rejected, at, clock.instant());
        if (!entries.isEmpty()) onCommitted.run();
        return fresh;
    }
}
