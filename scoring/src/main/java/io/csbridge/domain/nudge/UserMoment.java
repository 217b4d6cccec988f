package io.csbridge.domain.nudge;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What CS Bridge knows about one product user at one moment, in the terms nudges target.
 *
 * @param accountId          the user's account, or empty when not known
 * @param segment            the account's segment, or empty
 * @param band               the account's health band label (Green, Yellow, Red, Unknown), or empty
 * @param stage              the account's lifecycle stage (onboarding, adopted), or empty
 * @param reachedMilestones  the onboarding milestones the account has reached
 * @param userEvents         the {@code track} event names this user has sent
 * @param previousActiveAt   the user's latest activity before the start of their current local day, or null
 * @param zone               the user's time zone (their {@code timezone} trait), or null for the default
 * @param attributes         custom attributes (the account's and the user's traits), by name
 * @param alertOpen          whether a CS alert on the account is open
 * @param shown              every nudge shown to this user so far (any nudge)
 */
public record UserMoment(String userId, String accountId, String segment, String band, String stage,
                         Set<String> reachedMilestones, Set<String> userEvents, Instant previousActiveAt,
                         ZoneId zone, Map<String, String> attributes, boolean alertOpen, List<Impression> shown) {

    public UserMoment {
        userId = userId == null ? "" : userId;
        accountId = accountId == null ? "" : accountId;
        segment = segment == null ? "" : segment;
        band = band == null ? "" : band;
        stage = stage == null ? "" : stage;
        reachedMilestones = reachedMilestones == null ? Set.of() : Set.copyOf(reachedMilestones);
        userEvents = userEvents == null ? Set.of() : Set.copyOf(userEvents);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        shown = shown == null ? List.of() : List.copyOf(shown);
    }

    /** How many times this user has seen {@code nudgeId}. */
    public long timesShown(String nudgeId) {
        return shown.stream().filter(i -> i.nudgeId().equals(nudgeId)).count();
    }

    /** The same moment after {@code impression} (the replay of a dry run adds what it would have shown). */
    public UserMoment with(Impression impression) {
        List<Impression> more = new java.util.ArrayList<>(shown);
        more.add(impression);
        return new UserMoment(userId, accountId, segment, band, stage, reachedMilestones, userEvents,
                previousActiveAt, zone, attributes, alertOpen, more);
    }
}
