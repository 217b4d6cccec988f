package io.csbridge.connectors.zendesk;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.outbox.ChannelStatus;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.json.Json;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.VendorCall;
import io.csbridge.vendors.ChannelNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Health fields and the band tag on the Zendesk organization. Takes up to ten {@code update_many}
 * calls' worth of writes per delivery so their jobs are confirmed with a single status poll.
 */
@ApplicationScoped
public class ZendeskChannel implements DeliveryChannel, ChannelStatus {

    static final int MAX_WRITES_PER_DELIVERY = 10 * ZendeskConnection.MAX_ORGANIZATIONS;

    private ZendeskConnection connection;

    protected ZendeskChannel() {
        // for the CDI proxy
    }

    @Inject
    public ZendeskChannel(ZendeskConnection connection) {
        this.connection = connection;
    }

    @Override
    public String name() {
        return ChannelNames.ZENDESK;
    }

    /**
     * Partial batches wait 3 seconds for company: every delivery costs a {@code job_statuses} poll
     * besides its {@code update_many} calls, so fuller deliveries spend fewer requests.
     */
    @Override
    public Optional<Duration> defaultLinger() {
        return Optional.of(Duration.ofSeconds(3));
    }

    @Override
    public boolean live() {
        return connection.live();
    }

    @Override
    public Optional<String> target(AccountKeys keys) {
        return keys.keys().stream().filter(k -> k.kind() == AccountKey.KeyKind.ZENDESK)
                .map(AccountKey::value).findFirst();
    }

    @Override
    public Map<String, Object> fields(AccountScore score) {
        return ZendeskOrganizationFields.fields(score);
    }

    @Override
    public int maxBatch() {
        return MAX_WRITES_PER_DELIVERY;
    }

    @Override
    public List<VendorCall> preview(List<OutboundWrite> writes) {
        String url = connection.settings().url().orElse("https://{subdomain}.zendesk.com")
                + "/api/v2/organizations/update_many.json";
        List<VendorCall> calls = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += ZendeskConnection.MAX_ORGANIZATIONS) {
            List<Map<String, Object>> organizations = new ArrayList<>();
            for (OutboundWrite w : writes.subList(from, Math.min(writes.size(), from + ZendeskConnection.MAX_ORGANIZATIONS))) {
                Map<String, Object> o = new LinkedHashMap<>();
                Long id = ZendeskConnection.organizationId(w);
                o.put("id", id == null ? w.target() : id);
                o.put("organization_fields", w.fields());
                organizations.add(o);
            }
            calls.add(new VendorCall("PUT", url, Json.write(Map.of("organizations", organizations))));
        }
        return calls;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
        return connection.updateOrganizations(writes);
    }

    @Override
    public Map<String, Object> status() {
        return connection.status();
    }
}
