package io.csbridge.alerts;

import io.csbridge.domain.language.Language;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How alerts reach people, beside the rules themselves.
 *
 * @param snoozeDays    how long {@code cs_snooze} silences an account's alerts ({@code alerting.snooze-days}, 7)
 * @param digestHour    the hour (0-23, in the rules' zone) at which the previous day's digests go out
 *                      ({@code alerting.digest-hour}, 8)
 * @param ownerSlackIds account owner (as the CRM names them: a Salesforce User Id, an e-mail ...) to Slack
 *                      user id, from {@code alerting.owner-slack-ids=005xx0000012345=U0123ABC,jane@acme.com=U0456DEF}
 * @param language      the language of the texts the alerts write to the org (the follow-up task), {@code csbridge.language}
 */
public record AlertSettings(int snoozeDays, int digestHour, Map<String, String> ownerSlackIds, Language language) {

    public AlertSettings {
        if (snoozeDays < 1) throw new IllegalArgumentException("alerting.snooze-days must be at least 1");
        if (digestHour < 0 || digestHour > 23) throw new IllegalArgumentException("alerting.digest-hour is 0-23");
        ownerSlackIds = Map.copyOf(ownerSlackIds);
        language = language == null ? Language.ENGLISH : language;
    }

    public AlertSettings(int snoozeDays, int digestHour, Map<String, String> ownerSlackIds) {
        this(snoozeDays, digestHour, ownerSlackIds, Language.ENGLISH);
    }

    public static AlertSettings defaults() {
        return new AlertSettings(7, 8, Map.of());
    }

    public static AlertSettings from(Function<String, Optional<String>> config) {
        Map<String, String> owners = new HashMap<>();
        for (String pair : config.apply("alerting.owner-slack-ids").orElse("").split(",")) {
            int eq = pair.lastIndexOf('=');
            if (eq > 0) owners.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return new AlertSettings(config.apply("alerting.snooze-days").map(String::trim).map(Integer::parseInt).orElse(7),
                config.apply("alerting.digest-hour").map(String::trim).map(Integer::parseInt).orElse(8), owners,
                Language.of(config.apply("csbridge.language").orElse("en")));
    }

    /**
     * The Slack user to mention for an owner: a Slack id as it is, else the configured one (this mapping
     * wins), else the owner as the CRM names them; the Slack connector looks an e-mail address up, and
     * names anything else in plain text.
     */
    public String slackUserOf(String owner) {
        if (owner == null || owner.isBlank()) return null;
        if (owner.matches("[UW][A-Z0-9]{2,}")) return owner;
        return ownerSlackIds.getOrDefault(owner, owner);
    }
}
