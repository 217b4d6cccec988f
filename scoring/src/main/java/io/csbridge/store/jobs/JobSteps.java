package io.csbridge.store.jobs;

import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.InboxStore;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One step of a job that feeds the inbox (an import, a backfill): its new inbox entries, the items it
 * skipped and its checkpoint, committed in one transaction. A crash before the commit loses the whole step
 * (it is read again from the previous checkpoint), a crash after it loses nothing, and the inbox's
 * (source, dedupe key) makes a record the webhook also delivered count once.
 */
public final class JobSteps {

    /** The job is no longer this node's (its lease ran out and another node took it, or it was ended). */
    public static final class LostJobException extends RuntimeException {
        public LostJobException(long id) {
            super("job " + id + " is no longer held by this node");
        }
    }

    private final Database database;
    private final JobStore jobs;
    private final InboxStore inbox;

    public JobSteps(Database database) {
        this.database = database;
        this.jobs = new JobStore(database);
        this.inbox = new InboxStore(database);
    }

    /**
     * @param at the checkpoint after the step, given which entries were new (so that its counts are exact)
     * @return for each entry, whether it was new (true) or already in the inbox (false)
     * @throws LostJobException when {@code node} no longer owns the job (nothing of the step is committed)
     */
    public boolean[] commit(long id, String node, Duration lease, List<InboxEntry> entries,
                            List<JobStore.Rejection> rejected, Function<boolean[], Checkpoint> at, Instant now) {
        return database.transaction(tx -> {
            boolean[] fresh = entries.isEmpty() ? new boolean[0] : tx.sql(c -> inbox.insert(c, entries, now));
            for (JobStore.Rejection r : rejected) jobs.reject(tx, id, r.item(), r.error());
            if (!jobs.checkpoint(tx, id, node, lease, at.apply(fresh))) throw new LostJobException(id);
            return fresh;
        });
    }

    /** A checkpoint without other work. @throws LostJobException when {@code node} no longer owns the job */
    public void checkpointAlone(long id, String node, Duration lease, Checkpoint at) {
        database.transaction(tx -> {
            if (!jobs.checkpoint(tx, id, node, lease, at)) throw new LostJobException(id);
            return null;
        });
    }
}
