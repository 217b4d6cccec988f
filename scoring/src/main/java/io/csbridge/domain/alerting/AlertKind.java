package io.csbridge.domain.alerting;

/** The changes of state worth telling a person about. */
public enum AlertKind {
    /** The health band became Red. */
    ENTERED_RED,
    /** Churn risk rose to or above the rule's threshold (0-100). */
    RISK_CROSSED,
    /** Onboarding is unfinished and made no progress for the rule's threshold in days. */
    ONBOARDING_STALLED,
    /** A new NPS answer at or below the rule's threshold (detractors: 0-6). */
    DETRACTOR_NPS,
    /** Open urgent tickets rose to or above the rule's threshold. */
    URGENT_TICKET_SPIKE,
    /** Renewal within the rule's threshold in days while the band is Yellow or Red. */
    RENEWAL_AT_RISK
}
