package io.csbridge.domain.account;

import java.util.Locale;
import java.util.Objects;

/** One of the keys an account is known by in one system. */
public record AccountKey(KeyKind kind, String value) {

    public enum KeyKind {
        SALESFORCE, ZENDESK, ZENDESK_EXTERNAL, PRODUCT, DOMAIN,
        /** A user of the product: points at an account once a {@code group} call ties them, never creates one. */
        PRODUCT_USER,
        /** CS Bridge's own account id (as in the admin API and Slack buttons); never creates one. */
        ACCOUNT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AccountKey {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("an account key needs a value");
        }
        value = kind == KeyKind.DOMAIN ? value.trim().toLowerCase(Locale.ROOT) : value.trim();
    }

    public static AccountKey product(String groupId) {
        return new AccountKey(KeyKind.PRODUCT, groupId);
    }

    public static AccountKey productUser(String userId) {
        return new AccountKey(KeyKind.PRODUCT_USER, userId);
    }

    /** Whether a signal with this key may create an account on first sight. */
    public boolean createsAccounts() {
        return kind != KeyKind.PRODUCT_USER && kind != KeyKind.ACCOUNT;
    }

    public static AccountKey account(String accountId) {
        return new AccountKey(KeyKind.ACCOUNT, accountId);
    }

    public static AccountKey domain(String domain) {
        return new AccountKey(KeyKind.DOMAIN, domain);
    }

    public static AccountKey salesforce(String id) {
        return new AccountKey(KeyKind.SALESFORCE, id);
    }

    public static AccountKey zendesk(String orgId) {
        return new AccountKey(KeyKind.ZENDESK, orgId);
    }

    /** The domain part of an e-mail address, or null. */
    public static String domainOfEmail(String email) {
        if (email == null) return null;
        int at = email.lastIndexOf('@');
        if (at < 0 || at == email.length() - 1) return null;
        return email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return kind.label() + ":" + value;
    }
}
