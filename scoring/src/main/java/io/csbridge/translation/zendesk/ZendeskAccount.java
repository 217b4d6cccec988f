package io.csbridge.translation.zendesk;

import io.csbridge.domain.account.AccountKey;

import java.util.Optional;
import java.util.Set;

/**
 * Which account a Zendesk ticket belongs to: its organization id, else the organization's
 * external_id, else the requester's e-mail domain. The domain also travels as a hint so that an
 * organization Zendesk has not told us about yet joins the account that already owns the domain.
 * Personal mailbox domains say nothing about the customer and are never used.
 */
public record ZendeskAccount(Optional<AccountKey> key, String domainHint) {

    private static final Set<String> PERSONAL_MAIL = Set.of("gmail.com", "googlemail.com", "yahoo.com", "ymail.com",
            "hotmail.com", "outlook.com", "live.com", "msn.com", "icloud.com", "me.com", "mac.com", "aol.com",
            "proton.me", "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.com",
            "yandex.ru", "mail.ru", "qq.com", "163.com");

    public static ZendeskAccount of(String organizationId, String organizationExternalId, String requesterEmail) {
        String domain = AccountKey.domainOfEmail(requesterEmail);
        if (domain != null && (PERSONAL_MAIL.contains(domain) || !domain.contains("."))) domain = null;
        if (present(organizationId)) return new ZendeskAccount(Optional.of(AccountKey.zendesk(organizationId)), domain);
        if (present(organizationExternalId)) {
            return new ZendeskAccount(Optional.of(new AccountKey(AccountKey.KeyKind.ZENDESK_EXTERNAL, organizationExternalId)), domain);
        }
        if (domain != null) return new ZendeskAccount(Optional.of(AccountKey.domain(domain)), domain);
        return new ZendeskAccount(Optional.empty(), null);
    }

    /** Zendesk renders a missing id as "", "null" or "0" depending on the format. */
    public static boolean present(String id) {
        return id != null && !id.isBlank() && !id.equals("null") && !id.equals("0");
    }
}
