package io.csbridge.runtime;

import io.csbridge.metrics.KeyedCounts;
import io.csbridge.metrics.NodeCounts;
import io.csbridge.outbox.ChannelStatus;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.store.pipeline.DeliveryLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.logging.Logger;

/**
 * The application's metrics for {@code /metrics} on the management port (WildFly's Micrometer subsystem,
 * Prometheus registry; build-server.cli) and, when configured, OTLP ({@link MeterRegistries}), all named {@code csbridge_...} (CONTRACT §6). Counters are this
 * node's since it started ({@link NodeCounts}): sum them over the nodes. Gauges read from the database
 * (events waiting, the oldest one's age, outbox writes by channel and status) are the cluster's, the same
 * on every node: take one node's value (max), never the sum. Database figures are read at most every 5 s.
 * Meters are registered through the registry's convenience methods ({@code gauge}, {@code more().counter}):
 * WildFly's per-deployment registry passes only those on to the exported one, not {@code Gauge.builder(...)}.
 */
@ApplicationScoped
public class PrometheusMetrics {

    private static final Logger LOG = Logger.getLogger(PrometheusMetrics.class.getName());
    private static final Duration FRESH = Duration.ofSeconds(5);
    private static final String[] CHANNEL_STATES = {"pending", "delivered", "dead"};

    @Inject
    MeterRegistries registries;
    @Inject
    Pipeline pipeline;
    @Inject
    Clock clock;

    private volatile Figures figures;
    /** Micrometer holds a gauge's object weakly: the channels it reads are kept here. */
    private final java.util.List<Object> held = new java.util.ArrayList<>();

    private record Figures(Instant at, DeliveryLog.Status status, Map<String, Map<String, Long>> outbox) {
    }

    void onStartup(@Observes Startup event) {
        for (MeterRegistry registry : registries.all()) register(registry);
    }

    private void register(MeterRegistry registry) {
        NodeCounts counts = NodeCounts.INSTANCE;
        counters(registry, counts.accepted, "csbridge.events.accepted", "events acknowledged to their sender", "source");
        counters(registry, counts.rejected, "csbridge.events.rejected", "deliveries refused at the door", "source", "reason");
        counters(registry, counts.applied, "csbridge.events.applied", "events the processor applied");
        counters(registry, counts.vendorCalls, "csbridge.vendor.calls", "writes a vendor answered", "vendor", "outcome");
        gauge(registry, "csbridge.events.waiting", "events acknowledged, not yet applied (cluster)", Tags.empty(),
                f -> f.status().inbox().getOrDefault("new", 0L));
        gauge(registry, "csbridge.events.failed", "events parked after their attempts (cluster)", Tags.empty(),
                f -> f.status().inbox().getOrDefault("failed", 0L));
        registry.gauge("csbridge.events.oldest.age.seconds", Tags.empty(), this, PrometheusMetrics::oldestAgeSeconds);
        for (DeliveryChannel channel : pipeline.channelList()) {
            for (String state : CHANNEL_STATES) {
                gauge(registry, "csbridge.outbox.writes", "outbox writes by channel and status (cluster)",
                        Tags.of("channel", channel.name(), "status", state),
                        f -> f.outbox().getOrDefault(channel.name(), Map.of()).getOrDefault(state, 0L));
            }
            if (channel instanceof ChannelStatus reporting && channel.name().equals("salesforce")) {
                held.add(reporting);
                registry.gauge("csbridge.salesforce.api.used", Tags.empty(), reporting, r -> apiUsage(r, "used"));
                registry.gauge("csbridge.salesforce.api.limit", Tags.empty(), reporting, r -> apiUsage(r, "limit"));
            }
        }
        LOG.info(() -> "CS Bridge metrics registered (csbridge_*) in " + registry.getClass().getSimpleName());
    }

    private static void counters(MeterRegistry registry, KeyedCounts counts, String name, String help, String... tags) {
        counts.exportTo(key -> {
            String[] parts = key.split("\\|", -1);
            Tags t = Tags.empty();
            for (int i = 0; i < tags.length; i++) t = t.and(tags[i], i < parts.length ? parts[i] : "");
            registry.more().counter(name, t, counts, c -> c.get(key));
        });
    }

    private void gauge(MeterRegistry registry, String name, String help, Tags tags, ToDoubleFunction<Figures> value) {
        registry.gauge(name, tags, this, m -> {
            Figures f = m.figures();
            return f == null ? Double.NaN : value.applyAsDouble(f);
        });
    }

    private double oldestAgeSeconds() {
        Figures f = figures();
        if (f == null) return Double.NaN;
        Instant oldest = f.status().oldestNewEvent();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }

    private static double apiUsage(ChannelStatus channel, String key) {
        if (channel.status().get("apiUsage") instanceof Map<?, ?> usage && usage.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN;
    }

    /** The database's figures, read again when older than 5 s; null while the database cannot answer. */
    private synchronized Figures figures() {
        Instant now = clock.instant();
        Figures f = figures;
        if (f != null && Duration.between(f.at(), now).compareTo(FRESH) < 0) return f;
        try {
            DeliveryLog log = new DeliveryLog(pipeline.database());
            figures = new Figures(now, log.status(), log.outboxByChannel());
        } catch (RuntimeException e) {
            LOG.fine(() -> "metrics: database figures unavailable: " + e.getMessage());
            return f;
        }
        return figures;
    }
}
