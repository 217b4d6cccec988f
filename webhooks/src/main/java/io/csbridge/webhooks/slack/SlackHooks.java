package io.csbridge.webhooks.slack;

import io.csbridge.app.intake.EventIntake;
import io.csbridge.app.lookup.AccountHealthQuery;
import io.csbridge.inbox.Inbox;
import io.csbridge.webhooks.RawBody;
import io.csbridge.webhooks.security.SlackSignature;
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
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Slack app's three request URLs under {@code /hooks/slack}, every one verified with the v0
 * signature of {@code slack.signing-secret} before anything else reads the body.
 */
@Path("slack")
@ApplicationScoped
public class SlackHooks {

    private static final Logger LOG = Logger.getLogger(SlackHooks.class.getName());
    static final String RETRY_HEADER = "X-Slack-Retry-Num";

    @Inject
    EventIntake intake;

    @Inject
    AccountHealthQuery accounts;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "slack.signing-secret")
    Optional<String> signingSecret;

    /** Events API: answers the url_verification challenge; stores each event once, retries included. */
    @POST
    @Path("events")
    @Produces(MediaType.APPLICATION_JSON)
    public Response events(@Context HttpServletRequest request) throws IOException {
        RawBody body = verified(request);
        var outcome = new SlackEventTranslator().translate(body.utf8());
        if (outcome.challenge().isPresent()) return Response.ok(Map.of("challenge", outcome.challenge().get())).build();
        if (outcome.entry().isEmpty()) return Response.ok(Map.of("accepted", 0, "duplicates", 0)).build();
        Inbox.Accepted accepted = intake.accept(java.util.List.of(outcome.entry().get()));
        String retry = request.getHeader(RETRY_HEADER);
        if (retry != null) {
            LOG.fine(() -> "Slack retry " + retry + " of " + outcome.entry().get().dedupeKey()
                    + (accepted.duplicates() > 0 ? ": already stored" : ": first copy to arrive"));
        }
        return Response.ok(Map.of("accepted", accepted.fresh(), "duplicates", accepted.duplicates())).build();
    }

    /** Interactivity: records presses of cs_ack, cs_snooze and cs_create_task on alerts. */
    @POST
    @Path("interactions")
    public Response interactions(@Context HttpServletRequest request) throws IOException {
        RawBody body = verified(request);
        var entries = new AlertActionTranslator().translate(FormFields.parse(body.utf8()));
        intake.accept(entries);
        return Response.ok().build();
    }

    /**
     * {@code /cs-health <account name or domain>}, or {@code /health} where a workspace kept that name (any
     * command pointed at this URL gets the same answer): an ephemeral answer, nothing stored.
     */
    @POST
    @Path("commands")
    @Produces(MediaType.APPLICATION_JSON)
    public Response commands(@Context HttpServletRequest request) throws IOException {
        RawBody body = verified(request);
        var fields = FormFields.parse(body.utf8());
        String text = fields.getOrDefault("text", "").trim();
        if (text.isEmpty()) return Response.ok(HealthCommandReply.usage(fields.get("command"))).build();
        try {
            var result = accounts.find(text);
            return Response.ok(HealthCommandReply.to(text, result)).build();
        } catch (AccountHealthQuery.Unavailable e) {
            LOG.log(Level.WARNING, "the health command could not read account scores", e);
            return Response.ok(HealthCommandReply.unavailable()).build();
        }
    }

    private RawBody verified(HttpServletRequest request) throws IOException {
        RawBody body = RawBody.read(request.getInputStream(), request.getContentLengthLong());
        new SlackSignature(signingSecret.orElse(null), clock).verify(body.bytes(),
                request.getHeader(SlackSignature.TIMESTAMP_HEADER), request.getHeader(SlackSignature.SIGNATURE_HEADER));
        return body;
    }
}
