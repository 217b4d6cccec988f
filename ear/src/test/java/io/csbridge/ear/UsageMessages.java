package io.csbridge.ear;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** Segment-spec messages as the product would send them. */
public final class UsageMessages {

    private UsageMessages() {
    }

    public static String group(String messageId, String groupId, String name, String domain, String salesforceId, Instant at) {
        return """
                {"type":"group","messageId":"%s","groupId":"%s","userId":"u-%s","timestamp":"%s",
                 "traits":{"name":"%s","domain":"%s","salesforceAccountId":"%s","arr":120000,"seats":50}}"""
                .formatted(messageId, groupId, groupId, at, name, domain, salesforceId);
    }

    public static String track(String messageId, String groupId, String event, Instant at) {
        return """
                {"type":"track","messageId":"%s","userId":"u-%s","event":"%s","timestamp":"%s",
                 "context":{"groupId":"%s"},"properties":{"plan":"pro"}}"""
                .formatted(messageId, groupId, event, at, groupId);
    }

    public static String batch(List<String> messages) {
        return messages.stream().collect(Collectors.joining(",", "{\"batch\":[", "]}"));
    }
}
