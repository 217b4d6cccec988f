package io.csbridge.translation.salesforce;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which sObject field means what: configuration, because every org names its custom fields its own
 * way. Each property holds a field API name; {@code none} switches one off. Defaults are the standard
 * fields where Salesforce has one, and {@code CS_*__c} custom fields otherwise.
 * See {@code deploy/salesforce/outbound-messages/README.md}.
 */
public record SalesforceFields(
        String name, String owner, String arr, String plan, String seats, String website,
        String renewalDate, String startDate, String churned, String zendeskOrganizationId,
        String opportunityAmount, String opportunityType,
        Map<String, String> milestoneFields, String milestoneFieldPrefix,
        Map<String, String> opportunityTypes) {

    public static final String PREFIX = "salesforce.field.";

    /** Salesforce's standard Opportunity Type picklist, read as CS Bridge's opportunity types. */
    public static final Map<String, String> STANDARD_OPPORTUNITY_TYPES = Map.of(
            "new customer", "new",
            "existing customer - upgrade", "upsell",
            "existing customer - replacement", "renewal",
            "existing customer - downgrade", "downgrade");

    public SalesforceFields {
        milestoneFields = Map.copyOf(milestoneFields);
        opportunityTypes = Map.copyOf(opportunityTypes);
    }

    public static SalesforceFields defaults() {
        return from(name -> Optional.empty());
    }

    /** @param config MicroProfile Config, or any lookup of property name to value */
    public static SalesforceFields from(Function<String, Optional<String>> config) {
        Map<String, String> types = new LinkedHashMap<>(STANDARD_OPPORTUNITY_TYPES);
        types.putAll(lowerKeys(pairs(config.apply("salesforce.opportunity-types").orElse(""))));
        return new SalesforceFields(
                field(config, "name", "Name"),
                field(config, "owner", "OwnerId"),
                field(config, "arr", "AnnualRevenue"),
                field(config, "plan", "Type"),
                field(config, "seats", "CS_Seats__c"),
                field(config, "website", "Website"),
                field(config, "renewal-date", "CS_Renewal_Date__c"),
                field(config, "start-date", "CS_Start_Date__c"),
                field(config, "churned", "CS_Churned__c"),
                field(config, "zendesk-organization-id", "CS_Zendesk_Organization_Id__c"),
                field(config, "opportunity-amount", "Amount"),
                field(config, "opportunity-type", "Type"),
                pairs(config.apply("salesforce.milestone-fields").orElse("")),
                setting(config, "salesforce.milestone-field-prefix", "CS_Milestone_"),
                types);
    }

    /**
     * The milestone a checkbox field stands for: listed in {@code salesforce.milestone-fields}, or named
     * with the prefix ({@code CS_Milestone_First_Login__c} is {@code first_login}); else null.
     */
    public String milestoneOf(String apiName) {
        String listed = milestoneFields.get(apiName);
        if (listed != null) return listed;
        if (milestoneFieldPrefix == null || milestoneFieldPrefix.isEmpty() || !apiName.startsWith(milestoneFieldPrefix)) return null;
        String key = apiName.substring(milestoneFieldPrefix.length());
        if (key.endsWith("__c")) key = key.substring(0, key.length() - 3);
        return key.isEmpty() ? null : key.toLowerCase(Locale.ROOT);
    }

    private static String field(Function<String, Optional<String>> config, String meaning, String standard) {
        return setting(config, PREFIX + meaning, standard);
    }

    private static String setting(Function<String, Optional<String>> config, String property, String standard) {
        String value = config.apply(property).map(String::trim).orElse(standard);
        return value.isEmpty() || value.equalsIgnoreCase("none") ? null : value;
    }

    /** {@code A=x, B=y} as a map; an entry without {@code =} is ignored. */
    private static Map<String, String> pairs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) continue;
            String key = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            if (!key.isEmpty() && !value.isEmpty()) out.put(key, value);
        }
        return out;
    }

    private static Map<String, String> lowerKeys(Map<String, String> in) {
        Map<String, String> out = new LinkedHashMap<>();
        in.forEach((k, v) -> out.put(k.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
        return out;
    }
}
