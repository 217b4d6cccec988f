package io.csbridge.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executor;

/**
 * How long one statement and one network read may take on the application's connections, so a
 * stuck query, a lock held forever or a silent network drop ends in an error the pipeline classes as
 * transient (PostgreSQL 57014, H2 HYT00; a broken connection 08xxx) instead of a thread waiting for
 * ever. Set with {@code database.query-timeout-seconds} (default 60) and
 * {@code database.socket-timeout-seconds} (default 300); 0 turns one off. Schema migrations use the
 * datasource directly and are not limited.
 */
public record StatementTimeouts(int querySeconds, int socketSeconds) {

    public static final StatementTimeouts DEFAULTS = new StatementTimeouts(60, 300);
    public static final StatementTimeouts NONE = new StatementTimeouts(0, 0);

    private static final Executor DIRECT = Runnable::run;

    /**
     * The connection with these limits, applied before its transaction starts. On PostgreSQL every statement
     * it creates gets the query timeout (the driver cancels it); on H2, whose {@code setQueryTimeout} runs a
     * {@code SET} inside the caller's transaction, the session's {@code QUERY_TIMEOUT} is set instead, here,
     * while the connection is still in auto-commit.
     */
    Connection apply(Connection connection, Dialect dialect) throws SQLException {
        if (socketSeconds > 0) {
            try {
                connection.setNetworkTimeout(DIRECT, Math.multiplyExact(socketSeconds, 1000));
            } catch (java.sql.SQLFeatureNotSupportedException | AbstractMethodError unsupported) {
                // a driver without network timeouts (H2 embedded has no socket)
            }
        }
        if (dialect == Dialect.H2) {
            // Only when the session does not have it yet (in practice once per pooled connection): a SET run
            // before every transaction was seen, inside WildFly, to lose the numbers of batched MERGE rows
            // (stored signals without their amount or NPS score; KpiTilesBrowserIT), and is not needed again.
            String wanted = String.valueOf(Math.max(0, querySeconds) * 1000L);
            try (Statement s = connection.createStatement()) {
                String current = null;
                try (java.sql.ResultSet rs = s.executeQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'QUERY_TIMEOUT'")) {
                    if (rs.next()) current = rs.getString(1);
                }
                if (!wanted.equals(current)) s.execute("SET QUERY_TIMEOUT " + wanted);
            }
            return connection;
        }
        if (querySeconds <= 0) return connection;
        return (Connection) Proxy.newProxyInstance(StatementTimeouts.class.getClassLoader(),
                new Class<?>[]{Connection.class}, new Limited(connection, querySeconds));
    }

    private record Limited(Connection target, int seconds) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (result instanceof Statement statement) statement.setQueryTimeout(seconds);
            return result;
        }
    }
}
