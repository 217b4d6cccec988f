package io.csbridge.app.nudges;

import io.csbridge.domain.nudge.NudgeCaps;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The nudge settings (CONTRACT §7): {@code nudges.per-user-per-day} (2), {@code nudges.min-gap-minutes} (15),
 * {@code nudges.quiet-hours} (21-8), {@code nudges.time-zone} (Asia/Tokyo), {@code nudges.holdout-percent} (10).
 */
final class NudgeSettings {

    private NudgeSettings() {
    }

    static NudgeCaps caps(Config config) {
        int perDay = config.getOptionalValue("nudges.per-user-per-day", Integer.class).orElse(2);
        int gap = config.getOptionalValue("nudges.min-gap-minutes", Integer.class).orElse(15);
        int[] quiet = NudgeCaps.quietHours(config.getOptionalValue("nudges.quiet-hours", String.class).orElse("21-8"));
        ZoneId zone = ZoneId.of(config.getOptionalValue("nudges.time-zone", String.class).orElse("Asia/Tokyo"));
        int holdout = config.getOptionalValue("nudges.holdout-percent", Integer.class).orElse(10);
        if (perDay < 0 || gap < 0 || holdout < 0 || holdout > 100) {
            throw new IllegalArgumentException("nudges.per-user-per-day and nudges.min-gap-minutes must be >= 0, "
                    + "nudges.holdout-percent 0-100");
        }
        return new NudgeCaps(perDay, Duration.ofMinutes(gap), quiet[0], quiet[1], zone, holdout);
    }
}
