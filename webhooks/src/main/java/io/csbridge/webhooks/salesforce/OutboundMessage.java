package io.csbridge.webhooks.salesforce;

import java.util.List;
import java.util.Map;

/**
 * One Salesforce Outbound Message as read from its SOAP envelope: the sending org, the workflow
 * action, and 1 to 100 notifications, each carrying the current values of one record.
 */
public record OutboundMessage(String organizationId, String actionId, List<Notification> notifications) {

    public OutboundMessage {
        notifications = List.copyOf(notifications);
    }

    /**
     * @param id         the Notification Id: the same on every retry of this notification
     * @param sObject    the record's type without prefix: {@code Account}, {@code Opportunity} ...
     * @param fields     field API name to its value as Salesforce wrote it; nil fields are absent
     */
    public record Notification(String id, String sObject, Map<String, String> fields) {

        public Notification {
            fields = Map.copyOf(fields);
        }

        public String field(String apiName) {
            return apiName == null ? null : fields.get(apiName);
        }
    }
}
