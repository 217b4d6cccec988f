package io.csbridge.outbox;

/** The one definition of each shared budget's name (the rows of {@code vendor_budget}). */
public final class VendorBudgetNames {

    /** Zendesk's requests per minute (every API call). */
    public static final String ZENDESK_REQUESTS = "zendesk.requests";
    /** Slack's pause after a 429 (every Web API call). */
    public static final String SLACK_CALLS = "slack.calls";
    /** Slack's tier for {@code users.lookupByEmail}. */
    public static final String SLACK_LOOKUPS = "slack.users.lookupByEmail";
    /** The Salesforce org's daily API allowance minus the reserve: held while it is reached. */
    public static final String SALESFORCE_API = "salesforce.api";

    private VendorBudgetNames() {
    }

    /** About one message per second per Slack channel. */
    public static String slackPosts(String channel) {
        return "slack.post." + channel;
    }
}
