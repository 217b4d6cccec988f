package io.csbridge.domain.alerting;

import io.csbridge.domain.language.DriverTexts;
import io.csbridge.domain.language.Language;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One alert: which rule fired for which account, why (the value that crossed the threshold), what
 * to do, and where it goes. {@link #toFields()} is the payload of the Slack outbox write.
 *
 * @param dedupeKey rule + account: one alert per key per cooldown
 * @param drivers   the top reasons, language-neutral (each reader writes them in its own language)
 * @param value     the measure that changed (risk, NPS answer, urgent tickets, days), null for ENTERED_RED
 */
public record Alert(String id, String dedupeKey, String ruleId, AlertKind kind, String accountId, String accountName,
                    String owner, Route route, int healthScore, Band band, Integer trend, int churnRisk,
                    int onboardingCompletion, List<Driver> drivers, Double value, double threshold, String action,
                    String salesforceId, String zendeskId, Instant at) {

    public enum Route {
        /** To the account owner now (high-touch). */
        OWNER,
        /** Into the owner's daily digest: the owner reached the daily cap. */
        OWNER_DIGEST,
        /** Into the team's daily digest (tech-touch and low-touch accounts, or no owner). */
        TEAM_DIGEST
    }

    public Alert {
        drivers = drivers == null ? List.of() : List.copyOf(drivers);
    }

    public Alert withRoute(Route newRoute) {
        return new Alert(id, dedupeKey, ruleId, kind, accountId, accountName, owner, newRoute, healthScore, band, trend,
                churnRisk, onboardingCompletion, drivers, value, threshold, action, salesforceId, zendeskId, at);
    }

    /** The same alert under the id the durable ledger gave it (the id Slack buttons carry). */
    public Alert withId(String newId) {
        return new Alert(newId, dedupeKey, ruleId, kind, accountId, accountName, owner, route, healthScore, band, trend,
                churnRisk, onboardingCompletion, drivers, value, threshold, action, salesforceId, zendeskId, at);
    }

    /** The top reasons in words, in {@code language}. */
    public List<String> reasons(Language language) {
        return drivers.stream().map(d -> DriverTexts.explain(d, language)).toList();
    }

    /**
     * The reasons of an alert's outbox payload in {@code language}: rendered from the stored drivers, or the
     * English lines of a payload queued before the drivers were stored.
     */
    public static List<String> reasons(Map<String, Object> fields, Language language) {
        return driversOf(fields).stream().map(d -> DriverTexts.explain(d, language)).toList();
    }

    /** JSON-friendly values only, nulls left out (the outbox stores the map as JSON). */
    public Map<String, Object> toFields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "alert");
        f.put("alertId", id);
        f.put("dedupeKey", dedupeKey);
        f.put("ruleId", ruleId);
        f.put("kind", kind.name());
        f.put("accountId", accountId);
        put(f, "accountName", accountName);
        put(f, "owner", owner);
        f.put("route", route.name());
        f.put("healthScore", healthScore);
        f.put("band", band.label());
        put(f, "trend", trend);
        f.put("churnRisk", churnRisk);
        f.put("onboardingCompletion", onboardingCompletion);
        f.put("drivers", reasons(Language.ENGLISH));
        List<Map<String, Object>> details = new ArrayList<>();
        for (Driver d : drivers) {
            Map<String, Object> detail = new LinkedHashMap<>();
            put(detail, "measure", d.measure());
            detail.put("value", d.value());
            detail.put("contribution", d.contribution());
            put(detail, "explanation", d.explanation());
            detail.put("inputs", d.inputs());
            details.add(detail);
        }
        f.put("driverDetails", details);
        put(f, "value", value);
        f.put("threshold", threshold);
        put(f, "action", action);
        put(f, "salesforceId", salesforceId);
        put(f, "zendeskId", zendeskId);
        f.put("at", at.toString());
        return f;
    }

    public static Alert fromFields(Map<String, Object> f) {
        return new Alert(str(f, "alertId"), str(f, "dedupeKey"), str(f, "ruleId"), AlertKind.valueOf(str(f, "kind")),
                str(f, "accountId"), str(f, "accountName"), str(f, "owner"), Route.valueOf(str(f, "route")),
                num(f, "healthScore").intValue(), Band.fromLabel(str(f, "band")),
                f.get("trend") == null ? null : num(f, "trend").intValue(), num(f, "churnRisk").intValue(),
                num(f, "onboardingCompletion").intValue(), driversOf(f),
                f.get("value") == null ? null : num(f, "value").doubleValue(), num(f, "threshold").doubleValue(),
                str(f, "action"), str(f, "salesforceId"), str(f, "zendeskId"), Instant.parse(str(f, "at")));
    }

    @SuppressWarnings("unchecked")
    private static List<Driver> driversOf(Map<String, Object> f) {
        List<Driver> drivers = new ArrayList<>();
        if (f.get("driverDetails") instanceof List<?> details) {
            for (Object o : details) {
                if (!(o instanceof Map<?, ?> d)) continue;
                Map<String, Object> inputs = d.get("inputs") instanceof Map<?, ?> in ? (Map<String, Object>) in : Map.of();
                drivers.add(new Driver((String) d.get("measure"), number(d.get("value")), number(d.get("contribution")),
                        (String) d.get("explanation"), inputs));
            }
        } else if (f.get("drivers") instanceof List<?> lines) {
            lines.forEach(line -> drivers.add(new Driver(null, 0, 0, String.valueOf(line), Map.of())));
        }
        return drivers;
    }

    private static double number(Object x) {
        return x instanceof Number n ? n.doubleValue() : 0;
    }

    private static void put(Map<String, Object> f, String key, Object value) {
        if (value != null) f.put(key, value);
    }

    static String str(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v == null ? null : v.toString();
    }

    static Number num(Map<String, Object> f, String key) {
        Object v = f.get(key);
        return v instanceof Number n ? n : Double.valueOf(String.valueOf(v));
    }
}
