package io.csbridge.webhooks.benchmark;

import io.csbridge.webhooks.RawBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /hooks/benchmark/ceiling}: reads the body and answers, nothing else. The HTTP load
 * benchmark measures it beside {@code /hooks/usage} to show what the server itself costs. Off (404)
 * unless {@code csbridge.benchmark-endpoint=true}.
 */
@Path("benchmark/ceiling")
@ApplicationScoped
public class CeilingHook {

    @Inject
    @ConfigProperty(name = "csbridge.benchmark-endpoint", defaultValue = "false")
    boolean enabled;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Integer> receive(@Context HttpServletRequest request) throws IOException {
        if (!enabled) throw new NotFoundException();
        return Map.of("bytes", RawBody.read(request.getInputStream(), request.getContentLengthLong()).bytes().length);
    }
}
