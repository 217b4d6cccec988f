package io.csbridge.connectors;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closing a MicroProfile Rest Client (its proxy is {@link AutoCloseable}): each holds a connection pool,
 * which a redeployed application would otherwise leave to the garbage collector (RESTEasy then warns
 * RESTEASY004687 from its cleaner thread).
 */
public final class RestClients {

    private static final Logger LOG = Logger.getLogger(RestClients.class.getName());

    private RestClients() {
    }

    public static void close(Object client) {
        if (!(client instanceof AutoCloseable closeable)) return;
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing a rest client", e);
        }
    }
}
