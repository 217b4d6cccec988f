package io.csbridge.app.jobs;

import io.csbridge.store.Database;
import io.csbridge.store.jobs.JobRecord;
import io.csbridge.store.jobs.JobStore;
import io.csbridge.store.jobs.JobSteps;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This node's side of the durable jobs: every {@link #TICK} it renews the leases of the jobs it runs and
 * takes RUNNING jobs nobody holds (never claimed, or whose node died or restarted) of the kinds it knows,
 * resuming each from its checkpoint on a thread of its own. Stopping gives this node's jobs up at once,
 * so the next start (or another node) resumes them without waiting for the lease to run out.
 */
final class JobRunner {

    private static final Logger LOG = Logger.getLogger(JobRunner.class.getName());
    static final Duration LEASE = Duration.ofSeconds(20);
    static final long TICK = 2_000;

    private final JobStore store;
    private final JobSteps steps;
    private final Function<String, JobKind> kinds;
    private final String node;
    private final Clock clock;
    private final ThreadFactory threads;
    private final Runnable onCommitted;
    private final Map<Long, Thread> running = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private Thread loop;

    JobRunner(Database database, Function<String, JobKind> kinds, String node, Clock clock, ThreadFactory threads,
              Runnable onCommitted) {
        this.store = new JobStore(database);
        this.steps = new JobSteps(database);
        this.kinds = kinds;
        this.node = node;
        this.clock = clock;
        this.threads = threads;
        this.onCommitted = onCommitted;
    }

    String node() {
        return node;
    }

    void start() {
        loop = threads.newThread(() -> {
            while (!stopping) {
                try {
                    tick();
                    Thread.sleep(TICK);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "job runner round failed; next round in " + TICK + " ms", e);
                    sleepQuietly();
                }
            }
        });
        loop.setName("csbridge-job-runner");
        loop.setDaemon(true);
        loop.start();
    }

    /** One round: renew what runs here, take what nobody holds. @return jobs taken */
    int tick() {
        for (Long id : running.keySet()) store.renew(id, node, LEASE);
        if (stopping) return 0;
        int taken = 0;
        for (JobRecord orphan : store.orphans()) {
            JobKind kind = kinds.apply(orphan.kind());
            if (kind == null || running.containsKey(orphan.id()) || !kind.canRunHere(JobView.of(orphan))) continue;
            if (store.claim(orphan.id(), node, LEASE)) {
                store.find(orphan.id()).ifPresent(job -> launch(kind, job));
                taken++;
            }
        }
        return taken;
    }

    private void launch(JobKind kind, JobRecord job) {
        if (job.cursor() != null) LOG.info(() -> "resuming job " + job.id() + " (" + job.kind() + ") from " + job.cursor());
        Thread t = threads.newThread(() -> execute(kind, job));
        t.setName("csbridge-job-" + job.id());
        t.setDaemon(true);
        running.put(job.id(), t);
        t.start();
    }

    private void execute(JobKind kind, JobRecord job) {
        JobRun run = new JobRun(job, node, LEASE, store, steps, clock, () -> stopping, onCommitted);
        boolean ended = false;
        try {
            kind.run(run);
            if (stopping) {
                store.release(job.id(), node);
            } else {
                ended = store.finish(job.id(), node, run.cancelSeen() ? JobRecord.CANCELLED : JobRecord.DONE, null,
                        clock.instant());
            }
        } catch (JobSteps.LostJobException e) {
            LOG.warning(e.getMessage() + ": this node stops running it");
        } catch (Exception e) {
            if (stopping || Database.isTransient(e)) {
                LOG.log(Level.WARNING, "job " + job.id() + " interrupted; it resumes from its last checkpoint", e);
                store.release(job.id(), node);
            } else {
                LOG.log(Level.WARNING, "job " + job.id() + " (" + job.kind() + ") failed", e);
                ended = store.finish(job.id(), node, JobRecord.FAILED, String.valueOf(e.getMessage()), clock.instant());
            }
        } finally {
            running.remove(job.id());
        }
        if (ended) kind.ended(JobView.of(job));
    }

    /** Stops taking jobs, asks this node's runs to stop, and gives them up for the next start. */
    void stop() {
        stopping = true;
        if (loop != null) loop.interrupt();
        for (Thread t : running.values()) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Long id : running.keySet()) store.release(id, node);
    }

    boolean runsHere(long id) {
        return running.containsKey(id);
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(TICK);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
