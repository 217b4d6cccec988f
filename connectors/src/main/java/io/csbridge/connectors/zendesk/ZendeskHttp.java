package io.csbridge.connectors.zendesk;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.Dsl;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The HTTP client under zendesk-java-client, on event loop threads CS Bridge owns. Left to itself the
 * client shuts its threads down in the background and finishes closing after an undeploy has removed
 * its classes (a Netty {@code NoClassDefFoundError} in the log). Here {@link #close()} closes the
 * connections and waits for the threads to stop before it returns.
 */
final class ZendeskHttp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ZendeskHttp.class.getName());

    private final EventLoopGroup loop;
    private final AsyncHttpClient client;

    @SuppressWarnings("deprecation") // async-http-client 3.0 recognises the NIO transport by this class
    ZendeskHttp() {
        loop = new NioEventLoopGroup(2, new DefaultThreadFactory("csbridge-zendesk", true));
        // As zendesk-java-client configures its own (it follows redirects), with our event loop.
        client = Dsl.asyncHttpClient(Dsl.config().setFollowRedirect(true).setEventLoopGroup(loop));
    }

    AsyncHttpClient client() {
        return client;
    }

    boolean stopped() {
        return client.isClosed() && loop.isTerminated();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing the Zendesk HTTP client", e);
        }
        loop.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
