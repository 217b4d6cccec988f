package io.csbridge.store.jobs;

import java.util.Map;

/**
 * Where a job stands after a step: committed in the same transaction as the step's work, so that a job
 * resumed after a crash starts exactly after the last work that was committed.
 *
 * @param cursor    where to resume (the kind's own format: a line and byte offset, a vendor cursor ...)
 * @param processed records handled so far
 * @param workDone  the progress bar's position, of {@code workTotal} (-1: unknown)
 * @param counts    further counts, replaced as a whole
 */
public record Checkpoint(String cursor, long processed, long workDone, long workTotal, Map<String, Long> counts) {

    public Checkpoint {
        counts = Map.copyOf(counts);
    }
}
