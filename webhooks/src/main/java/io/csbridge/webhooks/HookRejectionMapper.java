package io.csbridge.webhooks;

import io.csbridge.app.intake.RejectionCounts;
import io.csbridge.inbox.Inbox;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/** Rejections as the contract's JSON error; an inbox that cannot commit answers 503 so the sender retries. */
@Provider
public class HookRejectionMapper implements ExceptionMapper<RuntimeException> {

    private static final Logger LOG = Logger.getLogger(HookRejectionMapper.class.getName());

    @jakarta.ws.rs.core.Context
    jakarta.ws.rs.core.UriInfo uri;

    @Override
    public Response toResponse(RuntimeException e) {
        if (e instanceof HookRejection r) {
            RejectionCounts.INSTANCE.count(r.error());
            io.csbridge.metrics.NodeCounts.INSTANCE.rejected.count(source() + "|" + r.error());
            return json(r.status(), r.error(), r.getMessage());
        }
        if (e instanceof Inbox.InboxUnavailableException || e instanceof io.csbridge.inbox.PipelineUnavailableException) {
            LOG.warning(() -> "delivery not stored, sender will retry: " + e.getMessage());
            boolean full = e instanceof Inbox.InboxFullException;
            int wait = e instanceof Inbox.InboxUnavailableException u ? u.retryAfterSeconds() : 5;
            return Response.fromResponse(json(503, full ? "busy" : "unavailable", full
                    ? "too many events are waiting to be stored; retry after " + wait + " s"
                    : "the event could not be stored; retry later")).header("Retry-After", String.valueOf(wait)).build();
        }
        if (e instanceof jakarta.ws.rs.WebApplicationException w) {
            int status = w.getResponse().getStatus();
            return json(status, status == 404 ? "not_found" : status == 405 ? "method_not_allowed"
                    : status == 415 ? "unsupported_media_type" : "bad_request", e.getMessage());
        }
        LOG.log(java.util.logging.Level.SEVERE, "unexpected failure handling a webhook", e);
        return json(500, "internal_error", "unexpected failure; nothing was acknowledged");
    }

    /** The sender, from the path under /hooks ({@code usage}, {@code zendesk}, {@code salesforce}, {@code slack} ...). */
    private String source() {
        try {
            return uri == null || uri.getPathSegments().isEmpty() ? "unknown" : uri.getPathSegments().get(0).getPath();
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    static Response json(int status, String error, String detail) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
