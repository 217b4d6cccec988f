package io.csbridge.metrics;

/**
 * What this node did since it started, for {@code /metrics} ({@code runtime/PrometheusMetrics}): events
 * accepted by source, events applied, vendor calls by channel and outcome. One instance per node (the
 * EAR's {@code lib/}), like the rejection counts.
 */
public final class NodeCounts {

    public static final NodeCounts INSTANCE = new NodeCounts();

    /** Events acknowledged to their sender, by source. */
    public final KeyedCounts accepted = new KeyedCounts();
    /** Deliveries refused at the door, by {@code source|reason}. */
    public final KeyedCounts rejected = new KeyedCounts();
    /** Events the processor applied (key {@code all}). */
    public final KeyedCounts applied = new KeyedCounts();
    /** Writes a vendor answered, by {@code channel|outcome} (DELIVERED, RETRY, REJECTED). */
    public final KeyedCounts vendorCalls = new KeyedCounts();

    private NodeCounts() {
    }
}
