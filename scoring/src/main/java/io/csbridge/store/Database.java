package io.csbridge.store;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/** The application's database: a datasource, its dialect, and short transactions on it. */
public final class Database {

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Work done in one {@link Transaction}. */
    @FunctionalInterface
    public interface Unit<T> {
        T run(Transaction transaction);
    }

    private final DataSource dataSource;
    private final Dialect dialect;

    public Database(DataSource dataSource) {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            this.dialect = Dialect.fromProductName(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the database on the datasource the application server binds under {@code jndiName}.
     *
     * @throws IllegalStateException if nothing is bound there, or the database cannot be reached
     */
    public static Database lookup(String jndiName) {
        DataSource dataSource;
        try {
            dataSource = (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException("not bound in JNDI: " + jndiName + " (is the server configured by "
                    + "ear/src/main/wildfly/configure.cli?)", e);
        }
        return new Database(dataSource);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** {@link #inTransaction} for the stages, which hold the transaction opaque. */
    public <T> T transaction(Unit<T> work) {
        return inTransaction(c -> work.run(new Transaction(c)));
    }

    /**
     * Whether a failure says nothing about the work itself, so that running it again may succeed: a
     * deadlock, a serialization failure, a lock timeout, or a concurrent creator winning an insert race
     * (H2's MERGE is not atomic against another session's insert).
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || sql.getSQLState().equals("HYT00")
                    || sql.getSQLState().equals("23505"))) {
                return true;
            }
        }
        return false;
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    /** A database failure, unchecked so that it can cross functional interfaces. */
    public static final class DatabaseException extends RuntimeException {
        public DatabaseException(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
