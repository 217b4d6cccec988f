package io.csbridge.webhooks.usage.tracking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Segment's clock-skew correction. A library stamps {@code timestamp} when the event happens and
 * {@code sentAt} when it sends, both on the device's clock; the time between the two is trusted, the
 * clock is not. So the event happened {@code receivedAt - (sentAt - timestamp)} on the server's clock.
 * The message keeps what the device said as {@code originalTimestamp}, as Segment delivers it onwards.
 * A message without {@code timestamp} happened when it was received; one without {@code sentAt} keeps
 * its {@code timestamp} as it is.
 */
final class SentAt {

    private SentAt() {
    }

    static void correct(ObjectNode message, JsonNode sentAt, Instant receivedAt, String where) {
        message.put("receivedAt", receivedAt.toString());
        JsonNode stamped = message.get("timestamp");
        if (stamped == null || stamped.isNull()) {
            if (!message.hasNonNull("originalTimestamp")) message.put("timestamp", receivedAt.toString());
            return;
        }
        if (sentAt == null || sentAt.isNull()) return;
        Instant sent = instant(sentAt);
        if (sent == null) throw TrackingRequest.invalid(where, "sentAt is not ISO-8601: " + sentAt.asText());
        Instant happened = instant(stamped);
        if (happened == null) return; // the translator says what is wrong with it
        message.put("originalTimestamp", stamped.asText());
        message.put("timestamp", receivedAt.minus(Duration.between(happened, sent)).toString());
    }

    private static Instant instant(JsonNode node) {
        if (!node.isTextual()) return null;
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
