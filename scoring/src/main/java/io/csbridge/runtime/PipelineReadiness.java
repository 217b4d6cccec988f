package io.csbridge.runtime;

import io.csbridge.store.SchemaMigration;
import io.csbridge.worker.WorkerHealth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.List;

/**
 * Ready only once the database answers, the schema is migrated and every pipeline worker is alive and
 * coming round (an acknowledged event must have a processor to reach).
 */
@Readiness
@ApplicationScoped
public class PipelineReadiness implements HealthCheck {

    @Inject
    Pipeline pipeline;

    @Override
    public HealthCheckResponse call() {
        if (!pipeline.ready()) {
            return HealthCheckResponse.named("cs-bridge-database").down().withData("reason", "starting").build();
        }
        try {
            long migrations = SchemaMigration.migrationsApplied(pipeline.database());
            List<WorkerHealth> workers = pipeline.workers();
            HealthCheckResponseBuilder response = HealthCheckResponse.named("cs-bridge-database")
                    .status(workers.stream().allMatch(WorkerHealth::alive))
                    .withData("dialect", pipeline.database().dialect().name())
                    .withData("migrations", migrations);
            return PipelineLiveness.withWorkers(response, workers).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("cs-bridge-database").down().withData("reason", e.getMessage()).build();
        }
    }
}
