package io.csbridge.connectors.salesforce;

import io.csbridge.domain.alerting.OwnerDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Salesforce's user directory for alerts: an Account's OwnerId ({@code 005...}, as Outbound Messages
 * send it) to that User's e-mail address. Callers keep the answers (Slack mentions keep them for
 * {@code slack.user-lookup-ttl-hours}), so an owner costs one API call a day at most.
 */
@ApplicationScoped
public class SalesforceUsers implements OwnerDirectory {

    /** A User Id: key prefix 005, 15 or 18 characters. */
    private static final Pattern USER_ID = Pattern.compile("005[A-Za-z0-9]{12}([A-Za-z0-9]{3})?");

    private SalesforceOrg org;
    private OwnerEmails read = new OwnerEmails();

    protected SalesforceUsers() {
        // for the CDI proxy
    }

    public SalesforceUsers(SalesforceOrg org) {
        this.org = org;
    }

    /** @param read the owners' e-mails a backfill or reconciliation read, asked before the org */
    @Inject
    public SalesforceUsers(SalesforceOrg org, OwnerEmails read) {
        this.org = org;
        this.read = read;
    }

    @Override
    public boolean knows(String ownerId) {
        return ownerId != null && isUserId(ownerId.trim());
    }

    /** Whether {@code id} is a Salesforce User Id ({@code 005...}, 15 or 18 characters). */
    static boolean isUserId(String id) {
        return USER_ID.matcher(id).matches();
    }

    @Override
    public Optional<String> emailOf(String ownerId) throws Unavailable {
        if (!knows(ownerId)) return Optional.empty();
        Optional<String> known = read.of(ownerId.trim());
        return known.isPresent() ? known : org.userEmail(ownerId.trim());
    }
}
