package io.csbridge.store.jobs;

import java.time.Instant;
import java.util.Map;

/**
 * One row of the {@code job} table: a long piece of work, where it stands and who runs it.
 *
 * @param cursor  where the work resumes (its own format), null before the first checkpoint
 * @param counts  further counts the kind keeps (accepted, duplicates, rejected ...)
 * @param node    the node that holds the lease, null when none ever did
 */
public record JobRecord(long id, String kind, String source, Map<String, String> params, String state, String startedBy,
                        Instant startedAt, Instant finishedAt, long processed, long workDone, long workTotal,
                        Map<String, Long> counts, String cursor, String error, boolean cancelRequested, String node,
                        boolean leaseExpired) {

    public static final String RUNNING = "RUNNING";
    public static final String DONE = "DONE";
    public static final String FAILED = "FAILED";
    public static final String CANCELLED = "CANCELLED";

    public boolean running() {
        return RUNNING.equals(state);
    }
}
