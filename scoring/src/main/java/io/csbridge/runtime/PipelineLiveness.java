package io.csbridge.runtime;

import io.csbridge.worker.WorkerHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

import java.util.List;

/**
 * Live unless a pipeline worker has died or is stuck (its heartbeat older than
 * {@code pipeline.worker-stale-seconds}): then only a restart helps. A database that is down, or a pipeline
 * still starting, is not a reason to restart the server: readiness says that.
 */
@Liveness
@ApplicationScoped
public class PipelineLiveness implements HealthCheck {

    @Inject
    Pipeline pipeline;

    @Override
    public HealthCheckResponse call() {
        List<WorkerHealth> workers = pipeline.workers();
        boolean live = workers.stream().noneMatch(w -> w.state() == WorkerHealth.State.DEAD
                || w.state() == WorkerHealth.State.STALE);
        return withWorkers(HealthCheckResponse.named("cs-bridge-workers").status(live), workers).build();
    }

    /** Each worker's state as a data entry, e.g. {@code "event processor": "ALIVE (0 s)"}. */
    static HealthCheckResponseBuilder withWorkers(HealthCheckResponseBuilder response, List<WorkerHealth> workers) {
        for (WorkerHealth w : workers) {
            response.withData(w.name(), w.state() + " (" + w.sinceBeat().toSeconds() + " s since its last round)");
        }
        return response;
    }
}
