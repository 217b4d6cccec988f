package io.csbridge.domain.nudge;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The limits that hold across all nudges for one user (CONTRACT §7): at most {@code perUserPerDay} a
 * day, at least {@code minGap} apart, never in the quiet hours of the user's time zone; and the share
 * of targeted users held out of each nudge.
 *
 * @param quietFrom   the hour (0-23) quiet hours start, local time
 * @param quietUntil  the hour (0-23) they end; before {@code quietFrom} means they span midnight; equal means none
 * @param defaultZone the zone of users without a time zone trait
 */
public record NudgeCaps(int perUserPerDay, Duration minGap, int quietFrom, int quietUntil, ZoneId defaultZone,
                        int holdoutPercent) {

    public static NudgeCaps defaults() {
        return new NudgeCaps(2, Duration.ofMinutes(15), 21, 8, ZoneId.of("Asia/Tokyo"), 10);
    }

    /** Reads {@code "21-8"}; throws IllegalArgumentException when it is not two hours 0-23. */
    public static int[] quietHours(String text) {
        String[] parts = text.trim().split("-");
        if (parts.length != 2) throw new IllegalArgumentException("quiet hours must read FROM-UNTIL, e.g. 21-8");
        int from = Integer.parseInt(parts[0].trim());
        int until = Integer.parseInt(parts[1].trim());
        if (from < 0 || from > 23 || until < 0 || until > 23) throw new IllegalArgumentException("quiet hours are 0-23");
        return new int[] {from, until};
    }

    public ZoneId zoneOf(UserMoment user) {
        return user.zone() == null ? defaultZone : user.zone();
    }

    /** The first cap that forbids showing the user any nudge now, or null when none does. */
    public HeldBack blocking(UserMoment user, Instant now) {
        ZoneId zone = zoneOf(user);
        if (quiet(now.atZone(zone).getHour())) return HeldBack.QUIET_HOURS;
        LocalDate today = now.atZone(zone).toLocalDate();
        List<Impression> shown = user.shown();
        long todays = shown.stream().filter(i -> i.at().atZone(zone).toLocalDate().equals(today)).count();
        if (todays >= perUserPerDay) return HeldBack.PER_DAY;
        boolean tooSoon = shown.stream().anyMatch(i -> !i.at().isAfter(now) && i.at().isAfter(now.minus(minGap)));
        if (tooSoon) return HeldBack.MIN_GAP;
        return null;
    }

    boolean quiet(int hour) {
        if (quietFrom == quietUntil) return false;
        return quietFrom < quietUntil ? hour >= quietFrom && hour < quietUntil : hour >= quietFrom || hour < quietUntil;
    }
}
