package io.csbridge.pipeline;

/** What the outbox delivery knows of this node's event processor: whether more writes may be on their way. */
interface ScoringProgress {

    /** Nothing in flight: every event this node accepted has been processed. */
    ScoringProgress IDLE = new ScoringProgress() {
        public boolean eventsInFlight() { return false; }
        public boolean batchRunning() { return false; }
        public long batchesFinished() { return 0; }
    };

    /** Events were accepted that the processor has not yet found nothing after. */
    boolean eventsInFlight();

    /** The processor is inside a batch: its commit may add writes. */
    boolean batchRunning();

    /** How many batches the processor has finished: tells a waiting delivery that a commit came. */
    long batchesFinished();
}
