package io.csbridge.testing;

import io.csbridge.store.SchemaMigration;
import io.csbridge.store.Database;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A real database for store tests: a fresh in-memory H2 by default, or a fresh schema on the
 * PostgreSQL that {@code DB_URL} points at (as CI sets it), so the same tests prove both.
 */
public final class TestDatabase {

    private TestDatabase() {
    }

    public static Database fresh() {
        DataSource ds = System.getenv("DB_URL") != null && !System.getenv("DB_URL").isBlank() ? postgres() : h2();
        SchemaMigration.migrate(ds);
        return new Database(ds);
    }

    private static DataSource h2() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }

    private static DataSource postgres() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        PGSimpleDataSource admin = pg(null);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + System.getenv("DB_URL"), e);
        }
        return pg(schema);
    }

    private static PGSimpleDataSource pg(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(System.getenv("DB_URL"));
        ds.setUser(System.getenv("DB_USER"));
        ds.setPassword(System.getenv("DB_PASSWORD"));
        if (schema != null) ds.setCurrentSchema(schema);
        return ds;
    }

    public static long count(Database db, String sql) {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
