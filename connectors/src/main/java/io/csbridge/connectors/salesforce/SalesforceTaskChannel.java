package io.csbridge.connectors.salesforce;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follow-up Tasks on Salesforce Accounts, created when a CSM presses {@code cs_create_task} in Slack.
 * Tasks travel through the outbox like any write (durable, retried), but are never derived from a
 * score: the processor queues them when it handles the press, target = the Account Id, fields in CS
 * Bridge's terms ({@link #task}: {@code owner}, {@code subject}, {@code description}), mapped here onto
 * the Task object. The owner becomes the Task's OwnerId only when it is a Salesforce User Id (005...);
 * otherwise (a name, an e-mail) the Task goes to the integration user rather than being refused.
 */
@ApplicationScoped
public class SalesforceTaskChannel implements DeliveryChannel, ChannelStatus {


    private SalesforceOrg org;

    protected SalesforceTaskChannel() {
        // for the CDI proxy
    }

    @Inject
    public SalesforceTaskChannel(SalesforceOrg org) {
        this.org = org;
    }

    /** The outbox fields of one Task; {@code owner} (the account's owner trait) may be null for the integration user. */
    public static Map<String, Object> task(String owner, String subject, String description) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (owner != null && !owner.isBlank()) fields.put("owner", owner);
        fields.put("subject", subject);
        fields.put("description", description == null ? "" : description);
        return fields;
    }

    @Override
    public String name() {
        return ChannelNames.SALESFORCE_TASK;
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
        Object owner = w.fields().get("owner");
        if (owner != null && SalesforceUsers.isUserId(owner.toString())) record.put("OwnerId", owner.toString());
        String subject = String.valueOf(w.fields().getOrDefault("subject", "CS Bridge follow-up"));
        record.put("Subject", subject.length() > 255 ? subject.substring(0, 255) : subject);
        String description = String.valueOf(w.fields().getOrDefault("description", ""));
        record.put("Description", description.length() > 32_000 ? description.substring(0, 32_000) : description);
        record.put("Status", "Not Started");
        record.put("Priority", "High");
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

    /** The org's status: both Salesforce channels share one connection, budget and circuit. */
    @Override
    public Map<String, Object> status() {
        return org.status();
    }
}
