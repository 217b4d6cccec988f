package io.csbridge.app.jobs;

import io.csbridge.json.Json;
import io.csbridge.runtime.ManagedThreads;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.jobs.JobRecord;
import io.csbridge.store.jobs.JobStore;
import io.csbridge.store.settings.AuditJournal;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;


import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Long work (rescores, backfills, imports) as durable jobs: a row in the database with its progress and a
 * checkpoint, so that every node sees it and can cancel it, and a restart or {@code kill -9} resumes it
 * where it stopped. What a kind does is a {@link JobKind} bean; {@link JobRunner} runs them on this node.
 *
 * <p>For the kinds: {@link #start} a job (its {@link JobKind#run} then gets a {@link JobRun}), read it
 * with {@link #find} or {@link #newest}, stop it with {@link #cancel}.
 */
@ApplicationScoped
public class Jobs {


    /** A job as {@code /admin/api/jobs} has always shown it (state running, finished, failed or cancelled). */
    public record Progress(long id, String kind, String source, String startedBy, Instant startedAt, String state,
                           long done, long total, long processed, Instant finishedAt, String error, String node) {

        static Progress of(JobView j) {
            String state = JobRecord.DONE.equals(j.state()) ? "finished" : j.state().toLowerCase(Locale.ROOT);
            return new Progress(j.id(), j.kind(), j.source(), j.startedBy(), j.startedAt(), state, j.workDone(),
                    j.workTotal(), j.processed(), j.finishedAt(), j.error(), j.node());
        }
    }

    @Inject
    Pipeline pipeline;
    @Inject
    @Any
    Instance<JobKind> kinds;

    private volatile JobRunner runner;

    void onStartup(@Observes Startup event) {
        pipeline.whenStarted(this::runner);
    }

    /**
     * Starts a job of {@code kind} (a {@link JobKind} bean), run on this node as soon as possible.
     *
     * @param source set for backfills and imports: one such job per source runs at a time
     * @throws JobStore.SourceBusyException when a job for {@code source} runs already
     * @throws IllegalArgumentException for a kind no bean runs
     */
    public JobView start(String kind, String source, Map<String, String> params, String startedBy) {
        if (kindNamed(kind) == null) throw new IllegalArgumentException("no job kind " + kind);
        JobRunner r = runner();
        Instant now = pipeline.clock().instant();
        long id = store().create(kind, source, params, startedBy, now);
        audit().record(now, startedBy, "job.start", "job/" + id, null, Json.write(Map.of("kind", kind,
                "source", String.valueOf(source))));
        r.tick();
        return find(id).orElseThrow();
    }

    public Optional<JobView> find(long id) {
        return store().find(id).map(JobView::of);
    }

    /** Newest first; {@code sourcedOnly}: backfills and imports. */
    public List<JobView> newest(boolean sourcedOnly, int limit) {
        return store().newest(sourcedOnly, limit).stream().map(JobView::of).toList();
    }

    /** One item a job skipped (an import's line number) and why. */
    public record Rejected(long item, String error) {
    }

    /** What the job skipped and why (an import's bad lines), the first {@code limit}. */
    public List<Rejected> rejections(long id, int limit) {
        return store().rejections(id, limit).stream().map(r -> new Rejected(r.item(), r.error())).toList();
    }

    /**
     * Cancels a running job from any node: its runner stops at its next step; a job no node holds ends at once.
     * Audited.
     *
     * @return the job, empty when there is none
     */
    public Optional<JobView> cancel(long id, String by) {
        JobStore store = store();
        if (store.requestCancel(id)) {
            audit().record(pipeline.clock().instant(), by, "job.cancel", "job/" + id, "RUNNING", "CANCELLED");
            store.find(id).filter(j -> j.running() && j.leaseExpired())
                    .ifPresent(j -> store.finish(id, null, JobRecord.CANCELLED, null, pipeline.clock().instant()));
        }
        return find(id);
    }

    /** Starts rescoring every account with the model in force. */
    public Progress startRescore(String by) {
        return Progress.of(start(RescoreJob.KIND, null, Map.of(), by));
    }

    /** @return null when there is no such job */
    public Progress get(long id) {
        return find(id).map(Progress::of).orElse(null);
    }

    /** The newest 100 jobs of every kind, newest first. */
    public List<Progress> all() {
        return newest(false, 100).stream().map(Progress::of).toList();
    }

    /** This node's name in the jobs it runs. */
    public String node() {
        return runner().node();
    }

    private AuditJournal audit() {
        return new AuditJournal(pipeline.database());
    }

    private JobStore store() {
        return new JobStore(pipeline.database());
    }

    private JobKind kindNamed(String name) {
        for (JobKind k : kinds) if (k.kind().equals(name)) return k;
        return null;
    }

    private synchronized JobRunner runner() {
        if (runner == null) {
            runner = new JobRunner(pipeline.database(), this::kindNamed, nodeName(), pipeline.clock(), ManagedThreads.factory(),
                    pipeline::nudgeProcessor);
            runner.start();
        }
        return runner;
    }

    @PreDestroy
    synchronized void stop() {
        if (runner != null) runner.stop();
    }

    /** The server's node name and a boot id: two starts of one node are two owners. */
    private static String nodeName() {
        String name = System.getProperty("jboss.node.name");
        if (name == null) {
            try {
                name = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                name = "node";
            }
        }
        return name + "/" + UUID.randomUUID().toString().substring(0, 8);
    }

}
