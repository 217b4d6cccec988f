package io.csbridge.store.jobs;

/**
 * The jobs of one kind, source and state added up (for the metrics).
 *
 * @param source    the job's source, {@code ""} for jobs that have none (rescores)
 * @param processed records handled by these jobs, summed
 * @param workDone  their progress bars' done, summed
 * @param workTotal their progress bars' totals, summed (a total still unknown counts 0)
 */
public record JobTotal(String kind, String source, String state, long jobs, long processed, long workDone, long workTotal) {
}
