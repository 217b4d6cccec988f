package io.csbridge.webhooks.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.webhooks.HookRejection;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The Slack Events API: the {@code url_verification} handshake is answered with its challenge;
 * {@code event_callback}s are kept as inbox entries of source {@code slack} deduplicated by
 * {@code event:<event_id>}, so a retry ({@code X-Slack-Retry-Num}) is stored once. Events carry no
 * health signal yet: they are kept, verified, for the features that will read them.
 */
public final class SlackEventTranslator {

    /** What to answer: the challenge of a handshake, or the entry to store (or neither). */
    public record Outcome(Optional<String> challenge, Optional<InboxEntry> entry) {
    }

    public Outcome translate(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw HookRejection.malformed("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw HookRejection.malformed("expected a JSON object");
        String type = root.path("type").asText("");
        switch (type) {
            case "url_verification" -> {
                JsonNode challenge = root.get("challenge");
                if (challenge == null || !challenge.isTextual() || challenge.asText().isEmpty()) {
                    throw invalid("url_verification without a challenge");
                }
                return new Outcome(Optional.of(challenge.asText()), Optional.empty());
            }
            case "event_callback" -> {
                String eventId = root.path("event_id").asText("");
                if (eventId.isBlank() || eventId.length() > 200) throw invalid("event_callback without a usable event_id");
                JsonNode time = root.get("event_time");
                if (time == null || !time.canConvertToLong() || time.asLong() <= 0) throw invalid("event_callback without event_time");
                InboxEntry entry = new InboxEntry(AlertActionTranslator.SOURCE, "event:" + eventId,
                        Instant.ofEpochSecond(time.asLong()), body, List.of());
                return new Outcome(Optional.empty(), Optional.of(entry));
            }
            default -> {
                // app_rate_limited and the like: acknowledged, nothing to keep.
                return new Outcome(Optional.empty(), Optional.empty());
            }
        }
    }

    private static HookRejection invalid(String detail) {
        return new HookRejection(400, "invalid_message", detail);
    }
}
