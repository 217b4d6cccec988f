package io.csbridge.runtime;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.util.concurrent.ThreadFactory;

/** The server's managed thread factory (EE concurrency), where the product's own threads come from. */
public final class ManagedThreads {

    static final String DEFAULT_FACTORY = "java:jboss/ee/concurrency/factory/default";

    private ManagedThreads() {
    }

    /** The server's default managed thread factory; plain threads outside a server (tests, benchmarks). */
    public static ThreadFactory factory() {
        try {
            return (ThreadFactory) new InitialContext().lookup(DEFAULT_FACTORY);
        } catch (NamingException | ClassCastException e) {
            return Thread::new;
        }
    }
}
