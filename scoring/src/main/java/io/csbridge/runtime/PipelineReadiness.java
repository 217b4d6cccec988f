package io.csbridge.runtime;

import io.csbridge.store.SchemaMigration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;


/** Ready only once the database answers and the schema is migrated. */
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
            return HealthCheckResponse.named("cs-bridge-database").up()
                    .withData("dialect", pipeline.database().dialect().name())
                    .withData("migrations", migrations).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("cs-bridge-database").down().withData("reason", e.getMessage()).build();
        }
    }
}
