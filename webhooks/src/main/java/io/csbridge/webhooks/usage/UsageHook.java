package io.csbridge.webhooks.usage;

import io.csbridge.app.intake.EventIntake;
import io.csbridge.inbox.Inbox;
import io.csbridge.webhooks.RawBody;
import io.csbridge.webhooks.security.UsageSignature;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** {@code POST /hooks/usage}: the product's own usage events (Segment spec), signed with HMAC-SHA1. */
@Path("usage")
@ApplicationScoped
public class UsageHook {

    @Inject
    EventIntake intake;

    @Inject
    @ConfigProperty(name = "usage.webhook-secret")
    Optional<String> secret;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@Context HttpServletRequest request) throws IOException {
        RawBody body = RawBody.read(request.getInputStream(), request.getContentLengthLong());
        new UsageSignature(secret.orElse(null)).verify(body.bytes(), request.getHeader(UsageSignature.HEADER));
        var entries = new SegmentTranslator(intake.clock()).translate(body.utf8());
        Inbox.Accepted accepted = intake.accept(entries);
        return Response.ok(Map.of("accepted", accepted.fresh(), "duplicates", accepted.duplicates())).build();
    }
}
