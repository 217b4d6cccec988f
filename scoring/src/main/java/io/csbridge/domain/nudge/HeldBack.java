package io.csbridge.domain.nudge;

/** Why a nudge that targets a user was not shown to them now. */
public enum HeldBack {
    /** The user has seen it as often as it allows ("once", or "until N times"). */
    SEEN_ENOUGH,
    /** A CS alert on the user's account is open and the nudge does not say it may be shown then. */
    ALERT_OPEN,
    /** The user is in the nudge's holdout: they never see it, so its lift can be measured. */
    HOLDOUT,
    /** It is the quiet hours in the user's time zone. */
    QUIET_HOURS,
    /** The user has seen as many nudges today (their time zone) as a user may. */
    PER_DAY,
    /** The user saw a nudge less than the minimum gap ago. */
    MIN_GAP
}
