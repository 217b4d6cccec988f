package io.csbridge.connectors.salesforce;

import io.csbridge.connectors.Settings;
import io.csbridge.domain.language.Language;

import java.time.Duration;
import java.util.Optional;

/**
 * How CS Bridge reaches one Salesforce org. Live when a client id comes with either a secret
 * (client-credentials flow) or a username and private key (JWT bearer flow, preferred when both are set).
 *
 * @param privateKey         PEM text of the connected app's certificate key
 * @param apiReservePercent  share of the org's daily API allowance CS Bridge leaves to everyone else
 * @param limitBackoff       how long to stay away after 403 REQUEST_LIMIT_EXCEEDED (it has no Retry-After)
 * @param language           the language of the texts written to the org (the drivers), {@code csbridge.language}
 */
public record SalesforceSettings(String loginUrl, Optional<String> clientId, Optional<String> clientSecret,
                                 Optional<String> username, Optional<String> privateKey, String apiVersion,
                                 SalesforceFieldNames fieldNames, int apiReservePercent, Duration limitBackoff,
                                 Duration timeout, int circuitFailures, Duration circuitOpen, Language language) {

    public static SalesforceSettings from(Settings s) {
        return new SalesforceSettings(
                Settings.trimSlash(s.get("salesforce.login-url", "https://login.salesforce.com")),
                s.get("salesforce.client-id"), s.get("salesforce.client-secret"),
                s.get("salesforce.username"), s.get("salesforce.private-key"),
                s.get("salesforce.api-version", "v66.0"),
                SalesforceFieldNames.from(s),
                s.getInt("salesforce.api-reserve-percent", 20),
                s.getSeconds("salesforce.limit-backoff-seconds", Duration.ofMinutes(15)),
                s.getSeconds("salesforce.timeout-seconds", Duration.ofSeconds(30)),
                s.getInt("salesforce.circuit-breaker.failures", 5),
                s.getSeconds("salesforce.circuit-breaker.open-seconds", Duration.ofSeconds(60)),
                Language.of(s.get("csbridge.language", "en")));
    }

    public boolean jwtBearer() {
        return clientId.isPresent() && username.isPresent() && privateKey.isPresent();
    }

    public boolean clientCredentials() {
        return clientId.isPresent() && clientSecret.isPresent();
    }

    public boolean live() {
        return jwtBearer() || clientCredentials();
    }

    /** {@code /services/data/v66.0}: accepts the version with or without its leading "v". */
    public String dataPath() {
        return "/services/data/" + versionInPath();
    }

    /** {@code v66.0}: the API version as data paths name it. */
    public String versionInPath() {
        return apiVersion.startsWith("v") ? apiVersion : "v" + apiVersion;
    }
}
