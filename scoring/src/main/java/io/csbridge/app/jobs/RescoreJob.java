package io.csbridge.app.jobs;

import io.csbridge.processing.RescoreAll;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.jobs.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Map;

/**
 * The {@code rescore} job: every account scored again with the model in force, in account-id order; the
 * cursor is the last account rescored, so a resumed rescore starts after it.
 */
@ApplicationScoped
public class RescoreJob implements JobKind {

    static final String KIND = "rescore";

    @Inject
    Pipeline pipeline;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(JobRun run) {
        RescoreAll rescore = new RescoreAll(pipeline.database(), pipeline.processor(), pipeline.clock());
        rescore.run(run.cursor(), run::shouldStop, (lastId, done, total) ->
                run.checkpoint(new Checkpoint(lastId, done, done, total, Map.of())));
    }
}
