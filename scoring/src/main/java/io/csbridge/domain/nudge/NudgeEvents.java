package io.csbridge.domain.nudge;

import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.util.Set;

/** The {@code track} events the widget (or the product) sends back about nudges (CONTRACT §7). */
public final class NudgeEvents {

    public static final String SHOWN = "Nudge Shown";
    public static final String CLICKED = "Nudge Clicked";
    public static final String DISMISSED = "Nudge Dismissed";
    /** The property naming the nudge. */
    public static final String NUDGE_ID = "nudgeId";
    /** The identify trait (or Segment's {@code context.timezone}) giving the user's time zone. */
    public static final String TIME_ZONE = "timezone";

    private static final Set<String> ALL = Set.of(SHOWN, CLICKED, DISMISSED);

    private NudgeEvents() {
    }

    public static boolean isNudgeEvent(Signal s) {
        return s.kind() == SignalKind.PRODUCT_EVENT && ALL.contains(s.name());
    }

    /** The nudge a nudge event is about, or null. */
    public static String nudgeOf(Signal s) {
        return isNudgeEvent(s) ? s.attribute(NUDGE_ID) : null;
    }
}
