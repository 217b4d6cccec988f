package io.csbridge.testing;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * A datasource that fails chosen statements: after {@link #failAfter} lets {@code skip} statements run,
 * the next {@code times} statements (any execute call; or every {@code period}-th, {@link #failEvery}) throw an {@link SQLException} with the given SQL
 * state, as a database that drops connections, runs out of disk or times out would.
 */
public final class FaultyDataSource implements DataSource {

    private final DataSource delegate;
    private final AtomicInteger executed = new AtomicInteger();
    private volatile int failFrom = Integer.MAX_VALUE;
    private volatile int failUntil = Integer.MAX_VALUE;
    private volatile int period = 1;
    private volatile String sqlState;
    private final AtomicInteger failed = new AtomicInteger();

    public FaultyDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** Lets {@code skip} more statements run, then fails the next {@code times} with {@code state}. */
    public void failAfter(int skip, int times, String state) {
        failEvery(skip, 1, times, state);
    }

    /** Lets {@code skip} more statements run, then fails every {@code period}-th statement, {@code times} in all. */
    public void failEvery(int skip, int period, int times, String state) {
        int now = executed.get();
        sqlState = state;
        this.period = period;
        failFrom = now + skip + 1;
        failUntil = now + skip + 1 + (times - 1) * period;
    }

    /** How many statements were failed so far. */
    public int failures() {
        return failed.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return wrap(delegate.getConnection(user, password));
    }

    private Connection wrap(Connection connection) {
        return proxy(Connection.class, connection, (p, method, args) -> {
            Object result = invoke(connection, method, args);
            if (result instanceof Statement statement) {
                Class<? extends Statement> type = statement instanceof java.sql.CallableStatement ? java.sql.CallableStatement.class
                        : statement instanceof java.sql.PreparedStatement ? java.sql.PreparedStatement.class : Statement.class;
                return wrapStatement(type, statement);
            }
            return result;
        });
    }

    private <S extends Statement> S wrapStatement(Class<S> type, Statement statement) {
        return proxy(type, statement, (p, method, args) -> {
            if (method.getName().startsWith("execute")) {
                int n = executed.incrementAndGet();
                if (n >= failFrom && n <= failUntil && (n - failFrom) % period == 0) {
                    failed.incrementAndGet();
                    throw new SQLException("injected fault " + sqlState + " at statement " + n, sqlState);
                }
            }
            return invoke(statement, method, args);
        });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(FaultyDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
