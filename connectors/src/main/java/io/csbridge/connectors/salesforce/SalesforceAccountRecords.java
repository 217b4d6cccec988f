package io.csbridge.connectors.salesforce;

import io.csbridge.domain.language.DriverTexts;
import io.csbridge.domain.language.Language;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.json.Json;
import io.csbridge.outbox.OutboundWrite;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps scores to Account field values (the drivers in the configured language) and writes to sObject
 * Collections records. The as-of time is
 * written with every record but is not part of {@link #fields}, so an unchanged score is not rewritten.
 */
public final class SalesforceAccountRecords {

    /** sObject Collections takes at most 200 records per request. */
    public static final int MAX_RECORDS = 200;
    /** Long Text Area length of CS_Health_Drivers__c in deploy/salesforce. */
    static final int DRIVERS_LENGTH = 1000;
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final SalesforceFieldNames names;
    private final Language language;

    /** @param language the language the drivers are written in */
    public SalesforceAccountRecords(SalesforceFieldNames names, Language language) {
        this.names = names;
        this.language = language;
    }

    public Map<String, Object> fields(AccountScore score) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(names.healthScore(), score.healthScore());
        out.put(names.healthBand(), score.band().label());
        out.put(names.churnRisk(), score.churnRisk());
        out.put(names.onboardingCompletion(), score.onboardingCompletion());
        if (score.trend() != null) out.put(names.healthTrend(), score.trend());
        String reasons = DriverTexts.topReasons(score, 3, language);
        out.put(names.healthDrivers(), reasons.length() > DRIVERS_LENGTH ? reasons.substring(0, DRIVERS_LENGTH) : reasons);
        return out;
    }

    /** One Account record; a field the write does not carry (an unknown trend) is cleared with an explicit null. */
    public Map<String, Object> record(OutboundWrite write) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("attributes", Map.of("type", "Account"));
        record.put("id", write.target());
        for (String field : List.of(names.healthScore(), names.healthBand(), names.churnRisk(),
                names.onboardingCompletion(), names.healthTrend(), names.healthDrivers())) {
            record.put(field, write.fields().get(field));
        }
        record.put(names.healthAsOf(), datetime(write.asOf()));
        return record;
    }

    /** The body of {@code PATCH .../composite/sobjects} for up to {@link #MAX_RECORDS} writes. */
    public String updateBody(List<OutboundWrite> writes) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (OutboundWrite w : writes) records.add(record(w));
        return collection(records);
    }

    static String collection(List<Map<String, Object>> records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("allOrNone", false);
        body.put("records", records);
        return Json.write(body);
    }

    static String datetime(Instant instant) {
        return DATETIME.format(instant);
    }
}
