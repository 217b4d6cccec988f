package io.csbridge.vendors;

import java.util.List;

/**
 * The one definition of the names an alert's Slack buttons carry: the Slack channel writes them into the
 * alert (connectors), Slack sends them back on a press (webhooks' interactivity endpoint reads them), and
 * the alerts act on them by action id. The button's {@code value} is an {@link AlertButtonValue}.
 */
public final class SlackAlertActions {

    /** Acknowledge the alert. */
    public static final String ACK = "cs_ack";
    /** Silence the account's alerts for {@code alerting.snooze-days}. */
    public static final String SNOOZE = "cs_snooze";
    /** Create a follow-up Task on the Salesforce Account. */
    public static final String CREATE_TASK = "cs_create_task";
    /** Every action id, in the order the buttons show. */
    public static final List<String> ALL = List.of(ACK, SNOOZE, CREATE_TASK);
    /** The {@code block_id} of the actions block that holds the buttons (removed once one is pressed). */
    public static final String BLOCK_ID = "cs_alert_actions";

    private SlackAlertActions() {
    }

    /** Whether {@code actionId} is one of CS Bridge's alert buttons. */
    public static boolean isAlertAction(String actionId) {
        return ALL.contains(actionId);
    }
}
