package io.csbridge.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

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
        try (Connection c = pipeline.database().dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\"")) {
            rs.next();
            return HealthCheckResponse.named("cs-bridge-database").up()
                    .withData("dialect", pipeline.database().dialect().name())
                    .withData("migrations", rs.getLong(1)).build();
        } catch (Exception e) {
            return HealthCheckResponse.named("cs-bridge-database").down().withData("reason", e.getMessage()).build();
        }
    }
}
