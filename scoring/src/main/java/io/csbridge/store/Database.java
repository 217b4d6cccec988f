package io.csbridge.store;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

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
    private final StatementTimeouts timeouts;

    public Database(DataSource dataSource) {
        this(dataSource, StatementTimeouts.DEFAULTS);
    }

    public Database(DataSource dataSource, StatementTimeouts timeouts) {
        this.dataSource = dataSource;
        this.timeouts = timeouts;
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
    public static Database lookup(String jndiName, StatementTimeouts timeouts) {
        DataSource dataSource;
        try {
            dataSource = (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException("not bound in JNDI: " + jndiName + " (is the server configured by "
                    + "ear/src/main/wildfly/configure.cli?)", e);
        }
        return new Database(dataSource, timeouts);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T inTransaction(Work<T> work) {
        try (Connection physical = dataSource.getConnection()) {
            Connection connection = timeouts.apply(physical, dialect);
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
     * H2's own codes (its SQL states) for the conditions PostgreSQL reports under classes 08, 53, 55 and 57:
     * a broken or closed connection, the database closed or shutting down, in exclusive mode, out of memory,
     * an I/O failure (a full disk), a concurrent update of the same row.
     */
    private static final Set<String> H2_TRANSIENT = Set.of("90067", "90098", "90121", "90135", "90108",
            "90028", "90031", "90020", "90131", "HYT00");

    /**
     * Whether a failure says nothing about the work itself, so that running it again later may succeed:
     * a lost or refused connection (SQL state class 08), the server out of resources such as disk, memory
     * or connections (53), a lock not available (55), an operator intervention such as a statement timeout
     * or an administrator's shutdown (57), a deadlock or serialization failure (40), H2's equivalents
     * (its lock timeout {@code HYT00} and the {@code 90xxx} codes above), and a concurrent creator winning an
     * insert race (23505: H2's MERGE is not atomic against another session's insert). JDBC's own
     * transient and recoverable exception types count too.
     */
    public static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && isTransientState(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) break;
        }
        return false;
    }

    private static boolean isTransientState(String state) {
        if (state.length() < 2) return false;
        return switch (state.substring(0, 2)) {
            case "08", "40", "53", "55", "57" -> true;
            default -> state.equals("23505") || H2_TRANSIENT.contains(state);
        };
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
