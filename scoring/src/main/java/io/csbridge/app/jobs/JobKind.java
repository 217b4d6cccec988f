package io.csbridge.app.jobs;

/**
 * A kind of durable job (a CDI bean): how to run one from wherever it stands. {@link Jobs} starts it, and
 * resumes it after a restart, a {@code kill -9} or on another node whose owner stopped renewing its
 * lease; so {@link #run} must start from {@link JobRun#cursor()} and checkpoint as it goes.
 */
public interface JobKind {

    /** The name jobs of this kind carry ({@code rescore}, {@code usage-file}, {@code salesforce} ...). */
    String kind();

    /**
     * Does the work from the run's cursor until it is done, or until {@link JobRun#shouldStop()} says
     * stop (then it simply returns: the runner tells a cancel from a server stopping). Throwing fails the
     * job, unless the failure is a transient database one (then it is resumed later from its checkpoint).
     */
    void run(JobRun run) throws Exception;

    /**
     * The sources its jobs carry ({@code salesforce}, {@code usage-file} ...), {@code ""} for jobs that carry
     * none: the metrics show each from the start, at 0 until one runs.
     */
    default java.util.List<String> sources() {
        return java.util.List.of("");
    }

    /** Whether this node can run the job (e.g. it holds the uploaded file). */
    default boolean canRunHere(JobView job) {
        return true;
    }

    /** Called on the node that ended the job (done, failed or cancelled): let go of what it held. */
    default void ended(JobView job) {
    }
}
