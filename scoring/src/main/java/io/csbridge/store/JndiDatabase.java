package io.csbridge.store;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/** Opens the {@link Database} on a datasource the application server binds in JNDI. */
public final class JndiDatabase {

    private JndiDatabase() {
    }

    /** @throws IllegalStateException if nothing is bound under {@code jndiName}, or the database cannot be reached */
    public static Database open(String jndiName) {
        DataSource dataSource;
        try {
            dataSource = (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new IllegalStateException("not bound in JNDI: " + jndiName + " (is the server configured by "
                    + "ear/src/main/wildfly/configure.cli?)", e);
        }
        return new Database(dataSource);
    }
}
