package io.csbridge.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * Something an operator must hear about at once, raised by a connector (a CDI event): the Salesforce
 * API reserve reached, the org's daily allowance exhausted; or by the processor: an event parked. {@link OperatorNotices} posts it to Slack
 * through the outbox, once per kind per day.
 *
 * @param kind   what happened, e.g. {@code SALESFORCE_API_RESERVE}; picks the text in each language
 * @param values what the text shows (usage, limit, until when writes wait); never a secret
 */
public record OperatorNotice(String kind, Map<String, Object> values, Instant at) {

    public static final String SALESFORCE_API_RESERVE = "SALESFORCE_API_RESERVE";
    public static final String SALESFORCE_REQUEST_LIMIT = "SALESFORCE_REQUEST_LIMIT";
    /** An acknowledged event could not be applied after all its attempts and is parked as FAILED. */
    public static final String PIPELINE_EVENT_PARKED = "PIPELINE_EVENT_PARKED";

    public OperatorNotice {
        values = Map.copyOf(values);
    }
}
