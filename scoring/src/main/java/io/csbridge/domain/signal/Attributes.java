package io.csbridge.domain.signal;

/**
 * The attribute names signals carry: the vocabulary shared by the inbound adapters (which write
 * them) and the scorers (which read them). Values are text; numbers are plain decimal, dates ISO-8601.
 */
public final class Attributes {

    private Attributes() {
    }

    // ACCOUNT_TRAITS (Segment group traits, Salesforce Account, Zendesk organization)
    public static final String NAME = "name";
    public static final String PLAN = "plan";
    /** Annual recurring revenue, in the account's currency. */
    public static final String ARR = "arr";
    /** Seats bought. */
    public static final String SEATS = "seats";
    public static final String DOMAIN = "domain";
    /** The CSM who owns the account (Salesforce OwnerId or a name/e-mail). */
    public static final String OWNER = "owner";
    /** ISO date of the next renewal. */
    public static final String RENEWAL_DATE = "renewalDate";
    /** Keys to other systems, attached to the account when present. */
    public static final String SALESFORCE_ACCOUNT_ID = "salesforceAccountId";
    public static final String ZENDESK_ORGANIZATION_ID = "zendeskOrganizationId";
    public static final String ZENDESK_EXTERNAL_ID = "zendeskExternalId";
    /** ISO date the customer started (contract start / onboarding start). */
    public static final String START_DATE = "startDate";
    /** "true" when the account is marked churned in the CRM. */
    public static final String CHURNED = "churned";

    // TICKET_* (name = the ticket id)
    /** low, normal, high, urgent */
    public static final String PRIORITY = "priority";
    /** new, open, pending, hold, solved, closed */
    public static final String STATUS = "status";
    public static final String TAGS = "tags";

    // SATISFACTION_RATED (value 1 = good, 0 = bad; name = the ticket id)
    public static final String COMMENT = "comment";

    // OPPORTUNITY_CLOSED (value = amount; name = the opportunity id)
    /** renewal, upsell, cross-sell, new, downgrade */
    public static final String OPPORTUNITY_TYPE = "type";
    /** won or lost */
    public static final String OUTCOME = "outcome";

    // MILESTONE_REACHED (name = the milestone key)
    /** Where the milestone was seen: product or crm. */
    public static final String MILESTONE_SOURCE = "source";
}
