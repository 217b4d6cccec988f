package io.csbridge.webhooks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** How many deliveries were refused, by reason (invalid_signature, stale_timestamp, ...). */
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
