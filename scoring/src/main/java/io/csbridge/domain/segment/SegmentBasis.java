package io.csbridge.domain.segment;

/** What the tier minimums are measured in. */
public enum SegmentBasis {
    /** Annual recurring revenue, from the account's arr trait. */
    ARR,
    /** Expected lifetime value: ARR x gross margin x expected lifetime (1 / annual churn rate). */
    LTV
}
