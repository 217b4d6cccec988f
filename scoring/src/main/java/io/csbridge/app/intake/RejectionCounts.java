package io.csbridge.app.intake;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many deliveries the webhooks refused since start, by reason (invalid_signature, stale_timestamp,
 * ...). One count per server, shared by the webhooks, which count, and the admin API, which shows them
 * to administrators only ({@code GET /admin/api/metrics/rejections}): this class lives in the EAR's
 * library, loaded once for both.
 */
public final class RejectionCounts {

    public static final RejectionCounts INSTANCE = new RejectionCounts();

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void count(String reason) {
        counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
