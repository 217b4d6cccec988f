package io.csbridge.vendors;

import java.util.Optional;

/**
 * What an alert's buttons ({@link SlackAlertActions}) carry in their {@code value}, so that a click names
 * the alert and the account without a lookup: {@code <alertId>|<accountId>}. The Slack channel writes it
 * ({@link #format(String, String)}), the interactivity endpoint reads it back ({@link #parse}).
 * <ul>
 *   <li>{@code alertId} identifies the alert (1-64 of {@code A-Z a-z 0-9 . _ -}, so never a {@code |});</li>
 *   <li>{@code accountId} is CS Bridge's account id: the rest of the value, verbatim (it may hold {@code |} or {@code :}).</li>
 * </ul>
 * Example: {@code 812|001Dn00000ACMEAAA}. Slack allows 2,000 characters in a button value.
 */
public record AlertButtonValue(String alertId, String accountId) {

    public static final char SEPARATOR = '|';
    /** Slack's limit on a button value. */
    public static final int SLACK_LIMIT = 2000;

    public AlertButtonValue {
        if (alertId == null || !alertId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("an alert id is 1-64 of A-Z a-z 0-9 . _ -");
        }
        if (accountId == null || accountId.isBlank() || accountId.length() > 255) {
            throw new IllegalArgumentException("an account id is 1-255 characters");
        }
    }

    public String format() {
        return format(alertId, accountId);
    }

    /** The value as the buttons of alert {@code alertId} on account {@code accountId} carry it. */
    public static String format(String alertId, String accountId) {
        return alertId + SEPARATOR + accountId;
    }

    /** The alert and account a button value names; empty when the value is not one CS Bridge wrote. */
    public static Optional<AlertButtonValue> parse(String value) {
        if (value == null || value.length() > SLACK_LIMIT) return Optional.empty();
        int separator = value.indexOf(SEPARATOR);
        if (separator <= 0) return Optional.empty();
        try {
            return Optional.of(new AlertButtonValue(value.substring(0, separator), value.substring(separator + 1)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
