package io.csbridge.connectors.zendesk;

import io.csbridge.connectors.Settings;

import java.time.Duration;
import java.util.Optional;

/**
 * How CS Bridge reaches one Zendesk account. Live when the URL comes with an e-mail and API token, or
 * an OAuth token.
 *
 * @param requestsPerMinute CS Bridge's share of the plan's limit (200 on Team ... 700 on Enterprise)
 */
public record ZendeskSettings(Optional<String> url, Optional<String> email, Optional<String> apiToken,
                              Optional<String> oauthToken, int requestsPerMinute, Duration jobPollInterval,
                              Duration jobTimeout, int circuitFailures, Duration circuitOpen) {

    public static ZendeskSettings from(Settings s) {
        return new ZendeskSettings(s.get("zendesk.url").map(Settings::trimSlash), s.get("zendesk.email"),
                s.get("zendesk.api-token"), s.get("zendesk.oauth-token"),
                s.getInt("zendesk.requests-per-minute", 200),
                s.getSeconds("zendesk.job-poll-interval-seconds", Duration.ofSeconds(2)),
                s.getSeconds("zendesk.job-timeout-seconds", Duration.ofSeconds(60)),
                s.getInt("zendesk.circuit-breaker.failures", 5),
                s.getSeconds("zendesk.circuit-breaker.open-seconds", Duration.ofSeconds(60)));
    }

    public boolean live() {
        return url.isPresent() && (oauthToken.isPresent() || (email.isPresent() && apiToken.isPresent()));
    }
}
