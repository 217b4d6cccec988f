package io.csbridge.outbox;

/** What the outbox delivery knows of this node's event processor: whether more writes may be on their way. */
public interface ScoringProgress {

    /** How far the processor is with the events this node accepted. */
    enum State {
        /** It looked and found nothing new: no more writes are on their way. */
        CAUGHT_UP,
        /** Events were accepted that it has not finished with yet. */
        IN_FLIGHT,
        /** Its last batch was full: more events are already waiting (a burst or a backlog being worked off). */
        BACKLOG
    }

    /** Nothing in flight. */
    ScoringProgress IDLE = new ScoringProgress() {
        public State state() { return State.CAUGHT_UP; }
        public boolean batchRunning() { return false; }
        public long batchesFinished() { return 0; }
    };

    State state();

    /** The processor is inside a batch: its commit may add writes. */
    boolean batchRunning();

    /** How many batches the processor has finished: tells a waiting delivery that a commit came. */
    long batchesFinished();
}
