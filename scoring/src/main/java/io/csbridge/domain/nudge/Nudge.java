package io.csbridge.domain.nudge;

import java.util.Map;

/**
 * One in-app message CS defined: what it says (per language), whom it targets, what counts as success
 * and how often one user may see it.
 *
 * @param messages     by language code ({@code en}, {@code ja}); English is the fallback
 * @param untilTimes   how many times one user may see it (1: once)
 * @param duringAlerts whether it may be shown while a CS alert on the account is open
 */
public record Nudge(String id, boolean enabled, Map<String, NudgeMessage> messages, Targeting targeting,
                    NudgeGoal goal, int untilTimes, boolean duringAlerts) {

    public static final String FALLBACK_LANGUAGE = "en";

    public Nudge {
        messages = messages == null ? Map.of() : Map.copyOf(messages);
        targeting = targeting == null ? Targeting.everyone() : targeting;
        goal = goal == null ? NudgeGoal.none() : goal;
        untilTimes = untilTimes <= 0 ? 1 : untilTimes;
    }

    /** The language the user gets: theirs when the nudge has it, else English, else any it has. */
    public String languageFor(String wanted) {
        String base = wanted == null ? "" : wanted.toLowerCase(java.util.Locale.ROOT).split("[-_]")[0];
        if (messages.containsKey(base)) return base;
        if (messages.containsKey(FALLBACK_LANGUAGE)) return FALLBACK_LANGUAGE;
        return messages.keySet().stream().sorted().findFirst().orElse(FALLBACK_LANGUAGE);
    }

    public NudgeMessage message(String language) {
        return messages.getOrDefault(languageFor(language), new NudgeMessage("", "", "", ""));
    }
}
