package io.csbridge.connectors;

import io.csbridge.outbox.VendorBudgets;
import io.csbridge.store.Database;
import io.csbridge.store.budgets.BudgetStore;
import io.csbridge.store.SchemaMigration;
import org.h2.jdbcx.JdbcDataSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

/** A real database for what connectors remember, migrated as the server migrates it. */
public final class TestDatabase {

    private TestDatabase() {
    }

    /** A fresh in-memory H2 database. */
    public static Database fresh() {
        return open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    }

    /** The H2 file database in {@code dir}, as the server keeps it ({@code WRITE_DELAY=0}); opened anew each call. */
    public static Database file(Path dir) {
        return open("jdbc:h2:" + dir.toAbsolutePath().resolve("csbridge") + ";WRITE_DELAY=0");
    }

    /** The request budgets, shared as the nodes share them, in a fresh database, timed by {@code clock}. */
    public static VendorBudgets budgets(Clock clock) {
        return new BudgetStore(fresh(), clock);
    }

    private static Database open(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        SchemaMigration.migrate(ds);
        return new Database(ds);
    }
}
