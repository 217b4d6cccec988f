package io.csbridge.connectors.slack;

import io.csbridge.connectors.Settings;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Slack app CS Bridge posts as. Live when a bot token is set.
 *
 * @param channelLanguages per-channel language, from {@code slack.channel-languages=C0123=ja,C0456=en}
 * @param salesforceUrl    the org's Lightning URL for Account links, e.g. https://acme.lightning.force.com
 * @param snoozeDays       what {@code cs_snooze} does ({@code alerting.snooze-days}, the processor's setting too)
 * @param operatorChannel  where operator notices go ({@code slack.operator-channel}, else the alert channel)
 * @param userLookupTtl    how long Slack's answer to an owner's e-mail lookup (a user, or none) is trusted
 *                         ({@code slack.user-lookup-ttl-hours}, 24)
 */
public record SlackSettings(String apiUrl, Optional<String> botToken, Optional<String> alertChannel,
                            String language, Map<String, String> channelLanguages, Optional<String> salesforceUrl,
                            Optional<String> zendeskUrl, int circuitFailures, Duration circuitOpen, int snoozeDays,
                            Duration userLookupTtl, Optional<String> operatorChannel) {

    public static SlackSettings from(Settings s) {
        Map<String, String> languages = new HashMap<>();
        for (String pair : s.get("slack.channel-languages", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) languages.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        String api = s.get("slack.api-url", "https://slack.com/api/");
        return new SlackSettings(api.endsWith("/") ? api : api + "/", s.get("slack.bot-token"),
                s.get("slack.alert-channel"), s.get("slack.language", "en"), Map.copyOf(languages),
                s.get("slack.salesforce-url").map(Settings::trimSlash), s.get("zendesk.url").map(Settings::trimSlash),
                s.getInt("slack.circuit-breaker.failures", 5),
                s.getSeconds("slack.circuit-breaker.open-seconds", Duration.ofSeconds(60)),
                s.getInt("alerting.snooze-days", 7),
                s.get("slack.user-lookup-ttl-hours").map(h -> Duration.ofSeconds(Math.round(Double.parseDouble(h) * 3600)))
                        .orElse(Duration.ofHours(24)),
                s.get("slack.operator-channel"));
    }

    public boolean live() {
        return botToken.isPresent();
    }

    public String languageOf(String channel) {
        return channelLanguages.getOrDefault(channel, language);
    }
}
