package io.csbridge.webhooks.usage.tracking;

import io.csbridge.app.intake.EventIntake;
import io.csbridge.webhooks.HookRejection;
import io.csbridge.webhooks.security.WriteKeyCredentials;
import io.csbridge.webhooks.usage.SegmentTranslator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Segment's HTTP Tracking API at {@code /hooks/usage/v1/} ({@code batch}, {@code import}, {@code track},
 * {@code identify}, {@code group}, {@code page}, {@code screen}, {@code alias}, and analytics.js's
 * one-letter names), so that a product's
 * Segment libraries send here by changing only their endpoint and write key. Authenticated by the write
 * key ({@link WriteKeyCredentials}), optionally gzip-encoded, limited as Segment limits; the messages
 * then go the way the signed webhook's go ({@link SegmentTranslator}, the inbox, dedupe by
 * {@code messageId}), and {@code {"success":true}} is answered only once they are committed.
 */
@Path("usage/v1")
@ApplicationScoped
public class TrackingApi {

    static final Map<String, Boolean> SUCCESS = Map.of("success", true);

    @Inject
    EventIntake intake;

    @Inject
    @ConfigProperty(name = "usage.write-key")
    Optional<String> writeKey;

    @POST
    @Path(TrackingEndpoint.PATH)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("endpoint") String path, @Context HttpServletRequest request) throws IOException {
        Instant receivedAt = intake.clock().instant();
        TrackingEndpoint endpoint = TrackingEndpoint.of(path);
        WriteKeyCredentials credentials = new WriteKeyCredentials(writeKey.orElse(null));
        String authorization = request.getHeader(WriteKeyCredentials.HEADER);
        if (authorization != null) credentials.verify(authorization, List.of());

        byte[] body = TrackingBody.read(request.getInputStream(), request.getContentLengthLong(),
                request.getHeader("Content-Encoding"), endpoint);
        TrackingRequest tracking;
        try {
            tracking = TrackingRequest.read(endpoint, body);
        } catch (HookRejection unreadable) {
            if (authorization == null) credentials.verify(null, List.of()); // no key anywhere: 401, not 400
            throw unreadable;
        }
        credentials.verify(authorization, tracking.writeKeys());

        intake.accept(tracking.entries(new SegmentTranslator(intake.clock()), receivedAt));
        // analytics.js posts from the product's pages (text/plain, no preflight) and must read the answer.
        return Response.ok(SUCCESS).header("Access-Control-Allow-Origin", "*").build();
    }
}
