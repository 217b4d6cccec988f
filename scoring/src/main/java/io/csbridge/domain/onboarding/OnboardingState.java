package io.csbridge.domain.onboarding;

/** How onboarding is going, as a CSM would say it. */
public enum OnboardingState {
    /** Every milestone reached. */
    COMPLETED("completed"),
    /** Every milestone due by now has been reached. */
    ON_TRACK("on-track"),
    /** A milestone is overdue, but the customer made progress recently. */
    BEHIND("behind"),
    /** A milestone is overdue and nothing has moved for the plan's {@code stalledAfterDays}. */
    STALLED("stalled");

    private final String label;

    OnboardingState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
