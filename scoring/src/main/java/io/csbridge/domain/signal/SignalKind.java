package io.csbridge.domain.signal;

/** What a signal says about an account. Each inbound adapter maps its vendor's events onto these. */
public enum SignalKind {
    /** A product usage event (Segment {@code track}); {@code name} is the event name. */
    PRODUCT_EVENT,
    /** A page view (Segment {@code page}). */
    PAGE_VIEW,
    /** A user seen by the product (Segment {@code identify}); {@code user} is the user id. */
    USER_IDENTIFIED,
    /** Account traits from any source: name, plan, arr, seats, domain, owner, renewal date. */
    ACCOUNT_TRAITS,
    /** An NPS answer; {@code value} is the 0-10 score. */
    NPS_ANSWER,
    TICKET_CREATED,
    TICKET_UPDATED,
    TICKET_SOLVED,
    TICKET_REOPENED,
    /** A support satisfaction rating; {@code value} 1 = good, 0 = bad. */
    SATISFACTION_RATED,
    /** A won or lost opportunity; {@code value} is the amount, attributes say the type. */
    OPPORTUNITY_CLOSED,
    /** An onboarding milestone reached (event or CRM field). */
    MILESTONE_REACHED,
    /**
     * A CSM's override of the health score: {@code value} is the score, attributes {@code reason},
     * {@code expiresAt} (ISO instant) and {@code by}; {@code cleared=true} ends an override early.
     */
    SCORE_OVERRIDE,
    /**
     * A person acted on an alert (Slack button): {@code name} is the action (cs_ack, cs_snooze,
     * cs_create_task), attributes {@code alertId}, {@code by}, {@code channel}, {@code messageTs}.
     */
    ALERT_ACTION
}
