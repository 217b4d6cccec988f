package io.csbridge.webhooks.zendesk;

import io.csbridge.app.intake.EventIntake;
import io.csbridge.inbox.Inbox;
import io.csbridge.webhooks.RawBody;
import io.csbridge.webhooks.security.ZendeskSignature;
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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /hooks/zendesk}: Zendesk webhooks, event subscriptions and the shipped trigger body,
 * signed with {@code zendesk.webhook-secret}. Setup: {@code deploy/zendesk/README.md}.
 */
@Path("zendesk")
@ApplicationScoped
public class ZendeskHook {

    @Inject
    EventIntake intake;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "zendesk.webhook-secret")
    Optional<String> secret;

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@Context HttpServletRequest request) throws IOException {
        RawBody body = RawBody.read(request.getInputStream(), request.getContentLengthLong());
        new ZendeskSignature(secret.orElse(null), clock).verify(body.bytes(),
                request.getHeader(ZendeskSignature.TIMESTAMP_HEADER), request.getHeader(ZendeskSignature.SIGNATURE_HEADER));
        var entry = new ZendeskTranslator(clock).translate(body.utf8());
        Inbox.Accepted accepted = intake.accept(List.of(entry));
        return Response.ok(Map.of("accepted", accepted.fresh(), "duplicates", accepted.duplicates())).build();
    }
}
