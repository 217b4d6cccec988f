package io.csbridge.translation.salesforce;

import java.util.Map;

/**
 * One Salesforce record with its current field values as text, however it arrived: an Outbound Message
 * notification, a REST query page or a Bulk API 2.0 CSV row.
 *
 * @param type   the sObject without prefix: {@code Account}, {@code Opportunity} ...
 * @param fields field API name to its value as Salesforce wrote it; null and empty fields are absent
 */
public record SalesforceRecord(String type, Map<String, String> fields) {

    public SalesforceRecord {
        fields = Map.copyOf(fields);
    }

    public String field(String apiName) {
        return apiName == null ? null : fields.get(apiName);
    }
}
