package io.csbridge.domain.alerting;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The day's alerts that were not sent one by one, for one recipient: an owner over the daily cap,
 * or (owner null) the team channel for tech-touch and low-touch accounts.
 */
public record Digest(String owner, LocalDate day, List<Alert> alerts) {

    public Digest {
        alerts = List.copyOf(alerts);
    }

    /** The payload of the Slack outbox write. */
    public Map<String, Object> toFields() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "digest");
        if (owner != null) f.put("owner", owner);
        f.put("day", day.toString());
        List<Map<String, Object>> items = new ArrayList<>();
        for (Alert a : alerts) items.add(a.toFields());
        f.put("alerts", items);
        return f;
    }

    @SuppressWarnings("unchecked")
    public static Digest fromFields(Map<String, Object> f) {
        List<Alert> alerts = new ArrayList<>();
        if (f.get("alerts") instanceof List<?> list) {
            for (Object item : list) alerts.add(Alert.fromFields((Map<String, Object>) item));
        }
        return new Digest(Alert.str(f, "owner"), LocalDate.parse(Alert.str(f, "day")), alerts);
    }
}
