package io.csbridge.domain.nudge;

import java.time.Instant;

/** A nudge shown to a user at a moment (a {@code Nudge Shown} event); every impression counts toward the caps. */
public record Impression(String nudgeId, Instant at) {
}
