package io.csbridge.vendors;

/**
 * The one definition of each outbox channel's name: the connector that serves a channel answers it
 * from {@code DeliveryChannel.name()}, the code that queues writes for it names it here, and it is
 * the {@code <channel>} of settings such as {@code outbox.<channel>.linger-ms}.
 */
public final class ChannelNames {

    /** Account fields through sObject Collections. */
    public static final String SALESFORCE = "salesforce";
    /** Salesforce Tasks created from a Slack button. */
    public static final String SALESFORCE_TASK = "salesforce-task";
    /** Organization fields and tags through {@code update_many}. */
    public static final String ZENDESK = "zendesk";
    /** Alerts, follow-ups, digests and operator notices. */
    public static final String SLACK = "slack";
    /** Due in-app nudges POSTed to the product's {@code nudges.webhook-url} (push mode). */
    public static final String NUDGES = "nudges";

    private ChannelNames() {
    }
}
