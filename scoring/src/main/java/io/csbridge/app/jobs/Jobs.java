package io.csbridge.app.jobs;

import io.csbridge.processing.RescoreAll;
import io.csbridge.runtime.Pipeline;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.naming.InitialContext;
import javax.naming.NamingException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Long work started from the admin (rescoring everything, computing the portfolio KPIs of a large
 * portfolio): runs in the background on the server's managed executor, shows its progress. Jobs are kept
 * in memory until the server restarts.
 */
@ApplicationScoped
public class Jobs {

    private static final Logger LOG = Logger.getLogger(Jobs.class.getName());
    private static final String EXECUTOR = "java:jboss/ee/concurrency/executor/default";

    /** A job's state as the UI polls it. */
    public record Progress(long id, String kind, String startedBy, Instant startedAt, String state, int done,
                           int total, Instant finishedAt, String error) {
    }

    /** Background work that tells how far it got. */
    public interface Work {
        /** Runs to the end, or until {@code cancelled} says stop. */
        void run(java.util.function.BooleanSupplier cancelled);

        int done();

        /** -1 until known. */
        int total();
    }

    private static final class Job {
        final long id;
        final String kind;
        final String by;
        final Instant startedAt;
        final Work work;
        volatile String state = "running";
        volatile Instant finishedAt;
        volatile String error;

        Job(long id, String kind, String by, Instant startedAt, Work work) {
            this.id = id;
            this.kind = kind;
            this.by = by;
            this.startedAt = startedAt;
            this.work = work;
        }

        Progress progress() {
            return new Progress(id, kind, by, startedAt, state, work.done(), work.total(), finishedAt, error);
        }
    }

    @Inject
    Pipeline pipeline;

    private volatile ManagedExecutorService executor;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();

    /** Starts rescoring every account with the model in force. */
    public Progress startRescore(String by) {
        RescoreAll rescore = new RescoreAll(pipeline.database(), pipeline.processor(), pipeline.clock());
        return start("rescore", by, new Work() {
            @Override
            public void run(java.util.function.BooleanSupplier cancelled) {
                rescore.run(cancelled);
            }

            @Override
            public int done() {
                return rescore.done();
            }

            @Override
            public int total() {
                return rescore.total();
            }
        });
    }

    /** The running job of {@code kind}, if there is one (so the same work is not started twice). */
    public synchronized java.util.Optional<Progress> running(String kind) {
        return jobs.values().stream().filter(j -> j.kind.equals(kind) && j.state.equals("running")).map(Job::progress).findFirst();
    }

    /** Starts {@code work} unless a job of that kind is running; @return the job doing it */
    public synchronized Progress startUnlessRunning(String kind, String by, Work work) {
        return running(kind).orElseGet(() -> start(kind, by, work));
    }

    /** Starts {@code work} in the background as a job of {@code kind}. */
    public Progress start(String kind, String by, Work work) {
        ManagedExecutorService executor = executor();
        Job job = new Job(ids.incrementAndGet(), kind, by, pipeline.clock().instant(), work);
        jobs.put(job.id, job);
        executor.submit(() -> {
            try {
                job.work.run(() -> false);
                job.state = "finished";
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, job.kind + " job " + job.id + " failed", e);
                job.state = "failed";
                job.error = e.getMessage();
            } finally {
                job.finishedAt = pipeline.clock().instant();
            }
        });
        return job.progress();
    }

    /** @return null when there is no such job (or the server restarted since) */
    public Progress get(long id) {
        Job job = jobs.get(id);
        return job == null ? null : job.progress();
    }

    /** Every job, newest first. */
    public List<Progress> all() {
        List<Progress> out = new ArrayList<>();
        jobs.values().forEach(j -> out.add(j.progress()));
        out.sort((a, b) -> Long.compare(b.id(), a.id()));
        return out;
    }

    private ManagedExecutorService executor() {
        ManagedExecutorService e = executor;
        if (e == null) {
            try {
                e = (ManagedExecutorService) new InitialContext().lookup(EXECUTOR);
            } catch (NamingException notBound) {
                throw new IllegalStateException("not bound in JNDI: " + EXECUTOR, notBound);
            }
            executor = e;
        }
        return e;
    }
}
