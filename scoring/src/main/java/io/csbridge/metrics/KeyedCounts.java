package io.csbridge.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Counts by key (a source, a channel and outcome) since this node started: per node, so that the
 * nodes' figures add up to the cluster's. Whoever exports them is told of each key on first sight.
 */
public final class KeyedCounts {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private volatile Consumer<String> onFirst = key -> { };

    public void count(String key) {
        add(key, 1);
    }

    public void add(String key, long n) {
        LongAdder adder = counts.get(key);
        if (adder == null) {
            adder = counts.computeIfAbsent(key, k -> new LongAdder());
            onFirst.accept(key);
        }
        adder.add(n);
    }

    public long get(String key) {
        LongAdder adder = counts.get(key);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Tells {@code listener} of every key seen so far and of each new one (beside the listeners before it). */
    public synchronized void exportTo(Consumer<String> listener) {
        onFirst = onFirst.andThen(listener);
        counts.keySet().forEach(listener);
    }
}
