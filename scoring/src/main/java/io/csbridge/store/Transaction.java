package io.csbridge.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One open database transaction, as the pipeline stages hold it: opaque outside this package. A stage
 * that must do several store operations atomically (the processor's batch, a rescore, an alert's effects)
 * gets one from {@link Database#transaction} and passes it to the stores' methods, which run their SQL on
 * it; the stage itself never sees a connection.
 */
public final class Transaction {

    private final Connection connection;

    public Transaction(Connection connection) {
        this.connection = connection;
    }

    public Connection connection() {
        return connection;
    }

    /** Runs {@code work} on this transaction's connection; a database failure becomes a {@link Database.DatabaseException}. */
    public <T> T sql(Database.Work<T> work) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new Database.DatabaseException(e);
        }
    }
}
