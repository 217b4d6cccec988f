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

    /** A group message with the given traits (a JSON object's members, e.g. {@code "arr":100000,"churned":true}). */
    public static String traits(String messageId, String groupId, String traitsJson, Instant at) {
        return """
                {"type":"group","messageId":"%s","groupId":"%s","userId":"u-%s","timestamp":"%s","traits":{%s}}"""
                .formatted(messageId, groupId, groupId, at, traitsJson);
    }

    /** A track message by one named user of the account, with properties (a JSON object's members, may be empty). */
    public static String trackBy(String messageId, String groupId, String userId, String event, String propertiesJson, Instant at) {
        return """
                {"type":"track","messageId":"%s","userId":"%s","event":"%s","timestamp":"%s",
                 "context":{"groupId":"%s"},"properties":{%s}}"""
                .formatted(messageId, userId, event, at, groupId, propertiesJson);
    }

    public static String batch(List<String> messages) {
        return messages.stream().collect(Collectors.joining(",", "{\"batch\":[", "]}"));
    }
}
