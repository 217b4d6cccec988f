package io.csbridge.connectors.salesforce;

import io.csbridge.outbox.ChannelStatus;
import io.csbridge.outbox.QueuedWritesChannel;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.VendorCall;
import io.csbridge.vendors.ChannelNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Follow-up Tasks on Salesforce Accounts, created when a CSM presses {@code cs_create_task} in Slack.
 * Tasks travel through the outbox like any write (durable, retried), but are never derived from a
 * score: the processor queues them when it handles the press, target = the Account Id, fields in CS
 * Bridge's terms ({@link #task}: {@code owner}, {@code subject}, {@code description}), mapped here onto
 * the Task object. The owner becomes the Task's OwnerId only when it is a Salesforce User Id (005...);
 * otherwise (a name, an e-mail) the Task goes to the integration user rather than being refused.
 *
 * <p>Tasks are upserted on the External Id field {@value #KEY_FIELD} (deploy/salesforce) with the write's
 * idempotency key ({@link OutboundWrite#key()}): a Task sent again because its first outcome was never
 * recorded (a crash between the call and the settlement) updates the Task the first call created.
 */
@ApplicationScoped
public class SalesforceTaskChannel implements QueuedWritesChannel, ChannelStatus {


    /** The Task's External Id field: unique, case-sensitive text of {@value #KEY_LENGTH} characters. */
    public static final String KEY_FIELD = "CS_Bridge_Key__c";
    static final int KEY_LENGTH = 255;

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
        record.put(KEY_FIELD, externalKey(w.key()));
        return record;
    }

    /** The write's key as the External Id holds it: as it is, or its SHA-256 when longer than the field. */
    static String externalKey(String key) {
        if (key.length() <= KEY_LENGTH) return key;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public List<VendorCall> preview(List<OutboundWrite> writes) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (OutboundWrite w : writes) records.add(record(w));
        return List.of(new VendorCall("PATCH", SalesforceChannel.SANDBOX_INSTANCE
                + SalesforceRest.upsertPath(org.settings(), "Task", KEY_FIELD), SalesforceAccountRecords.collection(records)));
    }

    @Override
    public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (OutboundWrite w : writes) records.add(record(w));
        return org.upsert(writes, records, "Task", KEY_FIELD);
    }

    /** The org's status: both Salesforce channels share one connection, budget and circuit. */
    @Override
    public Map<String, Object> status() {
        return org.status();
    }
}
