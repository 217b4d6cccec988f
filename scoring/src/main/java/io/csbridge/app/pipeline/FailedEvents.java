package io.csbridge.app.pipeline;

import io.csbridge.runtime.Pipeline;
import io.csbridge.store.pipeline.ParkedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/**
 * The acknowledged events the pipeline could not apply after all their attempts, as people read them,
 * and one put back in the queue (after the cause was fixed) with a fresh allowance of attempts.
 */
@ApplicationScoped
public class FailedEvents {

    @Inject
    Pipeline pipeline;

    /** Newest first. */
    public List<ParkedEvents.ParkedEvent> list(int limit, int offset) {
        return parked().list(limit, offset);
    }

    public long count() {
        return parked().count();
    }

    /** @return false when the event is not parked (or does not exist) */
    public boolean retry(long id) {
        boolean queued = parked().retry(id);
        if (queued) pipeline.nudgeProcessor();
        return queued;
    }

    private ParkedEvents parked() {
        return new ParkedEvents(pipeline.database());
    }
}
