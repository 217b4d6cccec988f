package io.csbridge.domain.alerting;

import io.csbridge.domain.score.Band;

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
 * @param value     the measure that changed (risk, NPS answer, urgent tickets, days), null for ENTERED_RED
 */
public record Alert(String id, String dedupeKey, String ruleId, AlertKind kind, String accountId, String accountName,
                    String owner, Route route, int healthScore, Band band, Integer trend, int churnRisk,
                    int onboardingCompletion, List<String> drivers, Double value, double threshold, String action,
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
        f.put("drivers", drivers);
        put(f, "value", value);
        f.put("threshold", threshold);
        put(f, "action", action);
        put(f, "salesforceId", salesforceId);
        put(f, "zendeskId", zendeskId);
        f.put("at", at.toString());
        return f;
    }

    public static Alert fromFields(Map<String, Object> f) {
        List<String> drivers = new ArrayList<>();
        if (f.get("drivers") instanceof List<?> list) list.forEach(d -> drivers.add(String.valueOf(d)));
        return new Alert(str(f, "alertId"), str(f, "dedupeKey"), str(f, "ruleId"), AlertKind.valueOf(str(f, "kind")),
                str(f, "accountId"), str(f, "accountName"), str(f, "owner"), Route.valueOf(str(f, "route")),
                num(f, "healthScore").intValue(), Band.fromLabel(str(f, "band")),
                f.get("trend") == null ? null : num(f, "trend").intValue(), num(f, "churnRisk").intValue(),
                num(f, "onboardingCompletion").intValue(), drivers,
                f.get("value") == null ? null : num(f, "value").doubleValue(), num(f, "threshold").doubleValue(),
                str(f, "action"), str(f, "salesforceId"), str(f, "zendeskId"), Instant.parse(str(f, "at")));
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
