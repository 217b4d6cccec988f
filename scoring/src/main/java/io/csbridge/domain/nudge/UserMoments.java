package io.csbridge.domain.nudge;

import io.csbridge.domain.signal.CustomAttributes;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a user's {@link UserMoment} from the account's signals (stamped up to now): the user's events,
 * the nudges shown to them, their time zone trait, when they were last active before today, and the
 * account's custom attributes. The same function serves {@code /hooks/nudges/next} and the dry run.
 */
public final class UserMoments {

    private UserMoments() {
    }

    public static UserMoment of(String userId, AccountState account, List<Signal> accountSignals, Instant now,
                                boolean alertOpen, ZoneId defaultZone) {
        Set<String> events = new HashSet<>();
        Set<String> milestones = new HashSet<>(account.reachedMilestones());
        List<Impression> shown = new ArrayList<>();
        Map<String, String> attributes = new HashMap<>();
        ZoneId zone = null;
        List<Instant> active = new ArrayList<>();
        for (Signal s : accountSignals) {
            if (s.occurredAt().isAfter(now)) continue;
            if (s.kind() == SignalKind.ACCOUNT_TRAITS) {
                s.attributes().forEach((k, v) -> {
                    if (CustomAttributes.isCustom(k)) attributes.put(k.substring(CustomAttributes.PREFIX.length()), v);
                });
            }
            if (s.kind() == SignalKind.MILESTONE_REACHED) milestones.add(s.name());
            if (!s.user().equals(userId)) continue;
            if (NudgeEvents.isNudgeEvent(s)) {
                String nudge = NudgeEvents.nudgeOf(s);
                if (NudgeEvents.SHOWN.equals(s.name()) && nudge != null) shown.add(new Impression(nudge, s.occurredAt()));
                continue;
            }
            switch (s.kind()) {
                case PRODUCT_EVENT -> {
                    events.add(s.name());
                    active.add(s.occurredAt());
                }
                case PAGE_VIEW -> active.add(s.occurredAt());
                case USER_IDENTIFIED -> {
                    active.add(s.occurredAt());
                    ZoneId z = zone(s.attribute(NudgeEvents.TIME_ZONE));
                    if (z != null) zone = z;
                }
                default -> { }
            }
        }
        ZoneId effective = zone == null ? defaultZone : zone;
        Instant startOfToday = now.atZone(effective).toLocalDate().atStartOfDay(effective).toInstant();
        Instant previous = active.stream().filter(t -> t.isBefore(startOfToday)).max(Instant::compareTo).orElse(null);
        return new UserMoment(userId, account.accountId(), account.segment(), account.band(), account.stage(),
                milestones, events, previous, zone, attributes, alertOpen, shown);
    }

    /** A time zone id, or null when it is missing or not one. */
    public static ZoneId zone(String id) {
        if (id == null || id.isBlank()) return null;
        try {
            return ZoneId.of(id.trim());
        } catch (DateTimeException e) {
            return null;
        }
    }
}
