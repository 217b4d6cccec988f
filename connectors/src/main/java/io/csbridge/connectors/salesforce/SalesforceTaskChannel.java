package io.csbridge.connectors.salesforce;

import io.csbridge.account.AccountKeys;
import io.csbridge.health.AccountScore;
import io.csbridge.pipeline.DeliveryChannel;
import io.csbridge.pipeline.DeliveryOutcome;
import io.csbridge.pipeline.OutboundWrite;
import io.csbridge.pipeline.VendorCall;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follow-up Tasks on Salesforce Accounts, created when a CSM presses {@code cs_create_task} in Slack.
 * Tasks travel through the outbox like any write (durable, retried), but are never derived from a
 * score: the Slack interaction handler queues them with {@link #task}, target = the Account Id.
 */
@ApplicationScoped
public class SalesforceTaskChannel implements DeliveryChannel {

    public static final String NAME = "salesforce-task";

    private SalesforceOrg org;

    protected SalesforceTaskChannel() {
        // for the CDI proxy
    }

    @Inject
    public SalesforceTaskChannel(SalesforceOrg org) {
        this.org = org;
    }

    /** The outbox fields of one Task; {@code ownerId} (a Salesforce User Id) may be null for the integration user. */
    public static Map<String, Object> task(String ownerId, String subject, String description) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (ownerId != null && !ownerId.isBlank()) fields.put("OwnerId", ownerId);
        fields.put("Subject", subject.length() > 255 ? subject.substring(0, 255) : subject);
        fields.put("Description", description == null ? "" : description);
        return fields;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean live() {
        return org.live();
    }

    /** Tasks are queued explicitly, never for a score change. */
    @Override
    public Optional<String> target(AccountKeys keys) {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> fields(AccountScore score) {
        return Map.of();
    }

    @Override
    public int maxBatch() {
        return SalesforceAccountRecords.MAX_RECORDS;
    }

    static Map<String, Object> record(OutboundWrite w) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", Map.of("type", "Task"));
        record.putAll(w.fields());
        record.put("WhatId", w.target());
        return record;
    }

    @Override
    public List<VendorCall> preview(List<OutboundWrite> writes) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (OutboundWrite w : writes) records.add(record(w));
        return List.of(new VendorCall("POST", SalesforceChannel.SANDBOX_INSTANCE + org.settings().dataPath()
                + "/composite/sobjects", SalesforceAccountRecords.collection(records)));
    }

    @Override
    public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (OutboundWrite w : writes) records.add(record(w));
        return org.create(writes, records);
    }
}
