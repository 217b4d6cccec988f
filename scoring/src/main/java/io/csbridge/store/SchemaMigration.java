package io.csbridge.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;

/**
 * Brings the schema up to date with the Flyway migrations in {@code db/migration}, on H2 and PostgreSQL alike,
 * and the few Java migrations listed here (SQL for one database only, e.g. {@link AccountTextIndexes}, V18).
 * It lives with the rest of persistence because Flyway works on the {@link DataSource}: the runtime asks
 * for a migration of the {@link Database} it opened, and never handles a datasource itself.
 */
public final class SchemaMigration {

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    private SchemaMigration() {
    }

    public static MigrateResult migrate(DataSource dataSource) {
        ClassLoader classLoader = SchemaMigration.class.getClassLoader();
        MigrateResult result = Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations("classpath:" + MigrationScripts.DIRECTORY)
                .resourceProvider(new MigrationScripts(classLoader))
                .javaMigrationClassProvider(() -> List.of(AccountTextIndexes.class))
                .load()
                .migrate();
        LOG.info(() -> "schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied now)");
        return result;
    }

    /** Migrates the database's schema. */
    public static MigrateResult migrate(Database database) {
        return migrate(database.dataSource());
    }

    /** How many migrations the schema history records (the readiness check's proof that the schema is there). */
    public static long migrationsApplied(Database database) {
        try (Connection c = database.dataSource().getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"flyway_schema_history\"")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new Database.DatabaseException(e);
        }
    }
}
