package io.csbridge.webhooks.nudges;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.app.intake.EventIntake;
import io.csbridge.app.nudges.NudgeServing;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.nudge.NudgeEvents;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.webhooks.HookRejection;
import io.csbridge.webhooks.RawBody;
import io.csbridge.webhooks.security.NudgeUserHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /hooks/nudges} (CONTRACT §7): {@code GET next} answers the one due nudge for a verified user,
 * {@code POST track} takes the widget's shown / clicked / dismissed reports (as {@code track} events
 * into the inbox, the same as through {@code /hooks/usage}), {@code GET widget.js} is the script.
 */
@Path("nudges")
@ApplicationScoped
public class NudgesHook {

    private static final Set<String> EVENTS = Set.of(NudgeEvents.SHOWN, NudgeEvents.CLICKED, NudgeEvents.DISMISSED);

    @Inject
    NudgeServing serving;

    @Inject
    EventIntake intake;

    @Inject
    @ConfigProperty(name = "nudges.identity-secret")
    Optional<String> secret;

    private volatile byte[] widget;

    @GET
    @Path("next")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> next(@QueryParam("userId") String userId, @QueryParam("groupId") String groupId,
                                    @QueryParam("userHash") String userHash, @QueryParam("language") String language) {
        new NudgeUserHash(secret.orElse(null)).verify(userId, userHash);
        bounded("userId", userId);
        bounded("groupId", groupId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("nudge", serving.next(userId, groupId, language).map(NudgesHook::json).orElse(null));
        return out;
    }

    @POST
    @Path("track")
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, Object> track(@Context HttpServletRequest request) throws IOException {
        RawBody body = RawBody.read(request.getInputStream(), request.getContentLengthLong());
        JsonNode m;
        try {
            m = Json.MAPPER.readTree(body.utf8());
        } catch (IOException e) {
            throw HookRejection.malformed("not JSON");
        }
        if (m == null || !m.isObject()) throw HookRejection.malformed("a JSON object is required");
        String userId = text(m, "userId");
        new NudgeUserHash(secret.orElse(null)).verify(userId, text(m, "userHash"));
        String groupId = text(m, "groupId");
        String event = text(m, "event");
        String nudgeId = text(m, "nudgeId");
        String messageId = text(m, "messageId");
        if (event == null || !EVENTS.contains(event)) throw HookRejection.malformed("event must be one of " + EVENTS);
        if (nudgeId == null || nudgeId.isBlank() || nudgeId.length() > 64) throw HookRejection.malformed("nudgeId is required (up to 64 characters)");
        if (messageId == null || messageId.isBlank() || messageId.length() > 200) throw HookRejection.malformed("messageId is required (up to 200 characters)");
        bounded("userId", userId);
        bounded("groupId", groupId);
        Instant at = intake.clock().instant();
        AccountKey account = groupId != null && !groupId.isBlank() ? AccountKey.product(groupId) : AccountKey.productUser(userId);
        Signal signal = new Signal(account, SignalKind.PRODUCT_EVENT, at, event, userId, Double.NaN,
                Map.of(NudgeEvents.NUDGE_ID, nudgeId));
        var accepted = intake.accept(java.util.List.of(new InboxEntry("usage", "nudge-widget:" + messageId, at,
                m.toString(), java.util.List.of(signal))));
        return Map.of("accepted", accepted.fresh(), "duplicates", accepted.duplicates());
    }

    @OPTIONS
    @Path("{any: next|track}")
    public Response preflight() {
        return Response.noContent().build();
    }

    @GET
    @Path("widget.js")
    @Produces("application/javascript; charset=utf-8")
    public Response widget() throws IOException {
        byte[] js = widget;
        if (js == null) {
            try (InputStream in = NudgesHook.class.getResourceAsStream("/nudges/widget.js")) {
                js = in.readAllBytes();
            }
            widget = js;
        }
        return Response.ok(js).header("Cache-Control", "public, max-age=300").build();
    }

    private static Map<String, Object> json(NudgeServing.Served served) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", served.nudge().id());
        n.put("title", served.message().title());
        n.put("body", served.message().body());
        n.put("button", Map.of("label", served.message().buttonLabel(), "url", served.message().buttonUrl()));
        n.put("language", served.language());
        return n;
    }

    private static void bounded(String name, String value) {
        if (value != null && value.length() > 255) throw HookRejection.malformed(name + " is longer than 255 characters");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }
}
