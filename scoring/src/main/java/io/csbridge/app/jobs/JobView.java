package io.csbridge.app.jobs;

import io.csbridge.store.jobs.JobRecord;

import java.time.Instant;
import java.util.Map;

/**
 * A durable job as the admin API shows it, on every node alike.
 *
 * @param state     RUNNING, DONE, FAILED or CANCELLED
 * @param processed records handled
 * @param workDone  the progress bar: done of {@code workTotal} (-1 while unknown)
 * @param node      the node running it (or that last ran it)
 */
public record JobView(long id, String kind, String source, String state, String startedBy, Instant startedAt,
                      Instant finishedAt, long processed, long workDone, long workTotal, Map<String, Long> counts,
                      String error, boolean cancelRequested, String node, Map<String, String> params) {

    static JobView of(JobRecord r) {
        return new JobView(r.id(), r.kind(), r.source(), r.state(), r.startedBy(), r.startedAt(), r.finishedAt(),
                r.processed(), r.workDone(), r.workTotal(), r.counts(), r.error(), r.cancelRequested(), r.node(), r.params());
    }

    public boolean running() {
        return JobRecord.RUNNING.equals(state);
    }
}
