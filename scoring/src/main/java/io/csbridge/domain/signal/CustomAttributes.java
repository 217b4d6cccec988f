package io.csbridge.domain.signal;

import java.util.Set;

/**
 * Custom account attributes (CONTRACT §3): every scalar trait of a {@code group} message other than
 * the ones CS Bridge reads itself ({@code name}, {@code plan}, {@code arr}, {@code seats}, {@code domain},
 * {@code churned} ...). They travel on {@link SignalKind#ACCOUNT_TRAITS} signals under the key
 * {@link #PREFIX}{@code name}, so they can never collide with the attributes CS Bridge reads, and health
 * measures, segment rules and the fitted churn model read their latest value as of the scoring time.
 * Values are text: numbers in plain decimal, booleans {@code true}/{@code false}.
 */
public final class CustomAttributes {

    /** The prefix of a custom attribute's key in a signal's attributes. */
    public static final String PREFIX = "custom.";
    /** At most this many distinct custom attributes per account; later new names are ignored. */
    public static final int MAX_PER_ACCOUNT = 50;
    public static final int MAX_NAME_LENGTH = 64;
    public static final int MAX_VALUE_LENGTH = 255;

    /** Traits of a group message that are not custom attributes: CS Bridge reads them itself. */
    public static final Set<String> RESERVED = Set.of(Attributes.NAME, Attributes.PLAN, Attributes.ARR,
            Attributes.SEATS, Attributes.DOMAIN, Attributes.CHURNED, Attributes.OWNER, Attributes.RENEWAL_DATE,
            Attributes.START_DATE, Attributes.SALESFORCE_ACCOUNT_ID, Attributes.ZENDESK_ORGANIZATION_ID,
            Attributes.ZENDESK_EXTERNAL_ID, "email");

    private CustomAttributes() {
    }

    /** The signal attribute key of custom attribute {@code name}. */
    public static String key(String name) {
        return PREFIX + name;
    }

    public static boolean isCustom(String key) {
        return key.startsWith(PREFIX);
    }

    /** The attribute name of a custom key. */
    public static String nameOf(String key) {
        return key.substring(PREFIX.length());
    }

    /** Why {@code name = value} cannot be kept (the contract's limits), or null when it can. */
    public static String problem(String name, String value) {
        if (name == null || name.isBlank()) return "a custom attribute needs a name";
        if (name.length() > MAX_NAME_LENGTH) {
            return "custom attribute name longer than " + MAX_NAME_LENGTH + " characters: " + name.substring(0, 20) + "...";
        }
        if (value != null && value.length() > MAX_VALUE_LENGTH) {
            return "custom attribute '" + name + "' is longer than " + MAX_VALUE_LENGTH + " characters";
        }
        return null;
    }
}
