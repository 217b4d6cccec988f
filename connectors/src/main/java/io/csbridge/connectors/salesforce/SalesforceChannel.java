package io.csbridge.connectors.salesforce;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.outbox.ChannelStatus;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.VendorCall;
import io.csbridge.vendors.ChannelNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Health fields on the Salesforce Account, written through sObject Collections (200 records a call).
 * Sandbox mode until credentials are configured.
 */
@ApplicationScoped
public class SalesforceChannel implements DeliveryChannel, ChannelStatus {

    /** Shown in sandbox previews, where no token (and so no instance_url) exists. */
    static final String SANDBOX_INSTANCE = "{instance_url}";

    private SalesforceOrg org;
    private SalesforceSettings settings;
    private SalesforceAccountRecords records;

    protected SalesforceChannel() {
        // for the CDI proxy
    }

    @Inject
    public SalesforceChannel(SalesforceOrg org) {
        this.org = org;
        this.settings = org.settings();
        this.records = new SalesforceAccountRecords(settings.fieldNames(), settings.language());
    }

    @Override
    public String name() {
        return ChannelNames.SALESFORCE;
    }

    @Override
    public boolean live() {
        return settings.live();
    }

    @Override
    public Optional<String> target(AccountKeys keys) {
        return keys.keys().stream().filter(k -> k.kind() == AccountKey.KeyKind.SALESFORCE)
                .map(AccountKey::value).findFirst();
    }

    @Override
    public Map<String, Object> fields(AccountScore score) {
        return records.fields(score);
    }

    @Override
    public int maxBatch() {
        return SalesforceAccountRecords.MAX_RECORDS;
    }

    @Override
    public List<VendorCall> preview(List<OutboundWrite> writes) {
        List<VendorCall> calls = new ArrayList<>();
        String url = SANDBOX_INSTANCE + settings.dataPath() + "/composite/sobjects";
        for (int from = 0; from < writes.size(); from += maxBatch()) {
            List<OutboundWrite> chunk = writes.subList(from, Math.min(writes.size(), from + maxBatch()));
            calls.add(new VendorCall("PATCH", url, records.updateBody(chunk)));
        }
        return calls;
    }

    @Override
    public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += maxBatch()) {
            List<OutboundWrite> chunk = writes.subList(from, Math.min(writes.size(), from + maxBatch()));
            List<Map<String, Object>> body = new ArrayList<>();
            for (OutboundWrite w : chunk) body.add(records.record(w));
            out.addAll(org.update(chunk, body));
        }
        return out;
    }

    /** The org's status: both Salesforce channels share one connection, budget and circuit. */
    @Override
    public Map<String, Object> status() {
        return org.status();
    }
}
