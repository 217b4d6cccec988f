package io.csbridge.webhooks.slack;

import io.csbridge.webhooks.HookRejection;

/**
 * What an alert's buttons carry in their {@code value}, so that a click names the alert and the
 * account without a lookup: {@code cs1:<alertId>:<accountId>}.
 * <ul>
 *   <li>{@code cs1} is the format version;</li>
 *   <li>{@code alertId} is the outbox id of the Slack alert (1-64 of {@code A-Z a-z 0-9 . _ -});</li>
 *   <li>{@code accountId} is CS Bridge's account id, the rest of the value verbatim (it may hold colons).</li>
 * </ul>
 * Example: {@code cs1:812:001Dn00000ABCDEFGH}. Slack allows 2,000 characters in a button value.
 */
public record AlertButtonValue(String alertId, String accountId) {

    static final String VERSION = "cs1";
    private static final int SLACK_LIMIT = 2000;

    public AlertButtonValue {
        if (alertId == null || !alertId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("an alert id is 1-64 of A-Z a-z 0-9 . _ -");
        }
        if (accountId == null || accountId.isBlank() || accountId.length() > 255) {
            throw new IllegalArgumentException("an account id is 1-255 characters");
        }
    }

    public String format() {
        return VERSION + ":" + alertId + ":" + accountId;
    }

    /** @throws HookRejection 400 when the value is not one CS Bridge wrote */
    public static AlertButtonValue parse(String value) {
        if (value == null || value.length() > SLACK_LIMIT || !value.startsWith(VERSION + ":")) {
            throw invalid(value);
        }
        String rest = value.substring(VERSION.length() + 1);
        int colon = rest.indexOf(':');
        if (colon <= 0) throw invalid(value);
        try {
            return new AlertButtonValue(rest.substring(0, colon), rest.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw invalid(value);
        }
    }

    private static HookRejection invalid(String value) {
        String shown = value == null ? "none" : value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return new HookRejection(400, "invalid_message", "the button value is not cs1:<alertId>:<accountId>: " + shown);
    }
}
