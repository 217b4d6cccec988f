package io.csbridge.connectors.salesforce;

import io.csbridge.translation.salesforce.SalesforceFields;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SOQL of a backfill or reconciliation: each object's mapped fields (the ones an Outbound Message for
 * it sends) changed after a cursor, ordered by {@code SystemModstamp}. A cursor is {@code >=stamp} while an
 * object is being read (the page edge may split records with one stamp) and {@code >stamp} once read to its end.
 */
final class SalesforceQueries {

    /** The objects read, in order. */
    static final List<String> OBJECTS = List.of("Account", "Opportunity", "User");
    /** The onboarding checkboxes deploy/salesforce ships, read when the milestone prefix is the default one. */
    private static final List<String> SHIPPED_MILESTONES = List.of("CS_Milestone_First_Value__c",
            "CS_Milestone_Integration_Connected__c", "CS_Milestone_Setup_Completed__c");
    private static final DateTimeFormatter SOQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final SalesforceFields fields;

    SalesforceQueries(SalesforceFields fields) {
        this.fields = fields;
    }

    /** {@code SELECT COUNT() FROM ...}: how many records the read will bring (one call, no records). */
    String count(String object, String cursor) {
        return "SELECT COUNT() FROM " + object + where(object, cursor);
    }

    String select(String object, String cursor) {
        return "SELECT " + String.join(", ", fieldsOf(object)) + " FROM " + object + where(object, cursor) + " ORDER BY SystemModstamp";
    }

    /** The cursor of a first read: everything changed at or after {@code since}. */
    static String from(Instant since) {
        return ">=" + SOQL_TIME.format(since);
    }

    static String after(Instant stamp, boolean inclusive) {
        return (inclusive ? ">=" : ">") + SOQL_TIME.format(stamp);
    }

    private static String where(String object, String cursor) {
        String op = cursor.startsWith(">=") ? ">=" : ">";
        String time = cursor.substring(op.length());
        if (!time.matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z")) throw new IllegalArgumentException("bad cursor " + cursor);
        String only = switch (object) {
            case "Opportunity" -> "IsClosed = true AND ";
            case "User" -> "Id IN (SELECT OwnerId FROM Account) AND "; // the owners' e-mails
            default -> "";
        };
        return " WHERE " + only + "SystemModstamp " + op + " " + time;
    }

    Set<String> fieldsOf(String object) {
        Set<String> out = new LinkedHashSet<>(List.of("Id", "LastModifiedDate", "SystemModstamp"));
        if (object.equals("Account")) {
            add(out, fields.name(), fields.owner(), fields.arr(), fields.plan(), fields.seats(), fields.website(),
                    fields.renewalDate(), fields.startDate(), fields.churned(), fields.zendeskOrganizationId());
            out.addAll(fields.milestoneFields().keySet());
            if ("CS_Milestone_".equals(fields.milestoneFieldPrefix())) out.addAll(SHIPPED_MILESTONES);
        } else if (object.equals("User")) {
            out.add("Email");
        } else {
            out.addAll(List.of("AccountId", "StageName", "IsClosed", "IsWon", "CloseDate"));
            add(out, fields.opportunityAmount(), fields.opportunityType());
        }
        return out;
    }

    private static void add(Set<String> out, String... names) {
        for (String n : names) if (n != null) out.add(n);
    }
}
