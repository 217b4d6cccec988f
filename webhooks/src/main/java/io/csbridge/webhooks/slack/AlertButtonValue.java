package io.csbridge.webhooks.slack;

import io.csbridge.webhooks.HookRejection;

/**
 * What an alert's buttons carry in their {@code value}, so that a click names the alert and the
 * account without a lookup: {@code <alertId>|<accountId>}, as the Slack channel writes it
 * ({@code SlackMessages} in connectors).
 * <ul>
 *   <li>{@code alertId} identifies the alert (1-64 of {@code A-Z a-z 0-9 . _ -}, so never a {@code |});</li>
 *   <li>{@code accountId} is CS Bridge's account id: the rest of the value, verbatim (it may hold {@code |} or {@code :}).</li>
 * </ul>
 * Example: {@code 812|001Dn00000ACMEAAA}. Slack allows 2,000 characters in a button value.
 */
public record AlertButtonValue(String alertId, String accountId) {

    static final char SEPARATOR = '|';
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
        return alertId + SEPARATOR + accountId;
    }

    /** @throws HookRejection 400 when the value is not one CS Bridge wrote */
    public static AlertButtonValue parse(String value) {
        if (value == null || value.length() > SLACK_LIMIT) throw invalid(value);
        int separator = value.indexOf(SEPARATOR);
        if (separator <= 0) throw invalid(value);
        try {
            return new AlertButtonValue(value.substring(0, separator), value.substring(separator + 1));
        } catch (IllegalArgumentException e) {
            throw invalid(value);
        }
    }

    private static HookRejection invalid(String value) {
        String shown = value == null ? "none" : value.length() > 80 ? value.substring(0, 80) + "..." : value;
        return new HookRejection(400, "invalid_message", "the button value is not <alertId>|<accountId>: " + shown);
    }
}
