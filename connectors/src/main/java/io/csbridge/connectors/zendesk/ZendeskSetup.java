package io.csbridge.connectors.zendesk;

import io.csbridge.app.integrations.SetupStep;
import io.csbridge.app.integrations.VendorSetup;
import io.csbridge.connectors.Settings;
import io.csbridge.domain.language.Language;
import io.csbridge.vendors.ChannelNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * "Set up Zendesk" on the Integrations page: the organization fields ({@link ZendeskFieldSetup}), the
 * two signed webhooks ({@link ZendeskWebhookSetup}) and the triggers ({@link ZendeskTriggerSetup}),
 * each created only when missing. Reads the connector's settings when it runs, with the same
 * credentials the connector writes with.
 */
@ApplicationScoped
public class ZendeskSetup implements VendorSetup {

    private Config config;

    protected ZendeskSetup() {
        // for the CDI proxy
    }

    @Inject
    public ZendeskSetup(Config config) {
        this.config = config;
    }

    @Override
    public String vendor() {
        return ChannelNames.ZENDESK;
    }

    @Override
    public List<SetupStep> run(String hookEndpoint) {
        Settings s = Settings.from(config);
        ZendeskSettings settings = ZendeskSettings.from(s);
        if (!settings.live()) {
            return List.of(SetupStep.failed("connection", "Zendesk", "credentials not set: zendesk.url with "
                    + "zendesk.email and zendesk.api-token, or zendesk.oauth-token"));
        }
        Set<String> secrets = s.get("zendesk.webhook-secret").map(v -> Arrays.stream(v.split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).collect(Collectors.toSet())).orElse(Set.of());
        return run(ZendeskAdminApi.of(settings), Language.of(s.get("csbridge.language", "en")), hookEndpoint, secrets);
    }

    static List<SetupStep> run(ZendeskAdminApi api, Language language, String hookEndpoint, Set<String> secrets) {
        List<SetupStep> steps = new ArrayList<>();
        try {
            steps.addAll(new ZendeskFieldSetup(api, language).run());
            Map<String, String> webhookIds = new HashMap<>();
            steps.addAll(new ZendeskWebhookSetup(api).run(hookEndpoint, secrets, webhookIds));
            steps.addAll(new ZendeskTriggerSetup(api).run(webhookIds));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            steps.add(SetupStep.failed("setup", "Zendesk", "interrupted"));
        }
        return steps;
    }
}
