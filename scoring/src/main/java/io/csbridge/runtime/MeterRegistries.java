package io.csbridge.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Where the {@code csbridge_*} meters go (CONTRACT §6): WildFly's Micrometer registry (Prometheus at
 * {@code /metrics}, build-server.cli), and, when {@code otel.exporter.otlp.endpoint} is set (any MicroProfile
 * Config source: {@code -Dotel.exporter.otlp.endpoint=http://collector:4318}, or the environment's
 * {@code OTEL_EXPORTER_OTLP_ENDPOINT}), an OTLP/HTTP (protobuf) push of the same meters to
 * {@code <endpoint>/v1/metrics} every {@code otel.metric.export.interval} ms (default 60000), with the
 * resource attributes {@code service.name} ({@code otel.service.name}, default {@code cs-bridge}) and
 * {@code service.instance.id} (the node's name). Micrometer's OTLP registry, which WildFly's {@code io.micrometer}
 * module ships and exports to deployments, does the push; nothing is sent when the key is not set.
 */
@ApplicationScoped
public class MeterRegistries {

    private static final Logger LOG = Logger.getLogger(MeterRegistries.class.getName());
    static final String ENDPOINT = "otel.exporter.otlp.endpoint";
    static final String INTERVAL = "otel.metric.export.interval";
    static final String SERVICE = "otel.service.name";

    @Inject
    Instance<MeterRegistry> server;

    private List<MeterRegistry> all;
    private OtlpMeterRegistry otlp;

    /** The registries to register the application's meters in; empty when there is none. */
    public synchronized List<MeterRegistry> all() {
        if (all == null) {
            List<MeterRegistry> out = new ArrayList<>();
            if (server.isUnsatisfied()) {
                LOG.info("no Micrometer registry (the micrometer subsystem is not configured): no /metrics for CS Bridge");
            } else {
                out.add(server.get());
            }
            Config config = ConfigProvider.getConfig();
            try {
                otlp = otlp(key -> config.getOptionalValue(key, String.class), NodeName.of(config)).orElse(null);
            } catch (IllegalArgumentException e) {
                LOG.severe("no OTLP export of the metrics: " + e.getMessage());
            }
            if (otlp != null) out.add(otlp);
            all = List.copyOf(out);
        }
        return all;
    }

    /** The OTLP push when {@code otel.exporter.otlp.endpoint} is set. */
    static Optional<OtlpMeterRegistry> otlp(Function<String, Optional<String>> setting, String node) {
        Optional<String> endpoint = setting.apply(ENDPOINT).map(String::strip).filter(s -> !s.isEmpty());
        if (endpoint.isEmpty()) return Optional.empty();
        String url = endpoint.get().replaceAll("/+$", "") + "/v1/metrics";
        long ms;
        try {
            ms = setting.apply(INTERVAL).map(String::strip).map(Long::parseLong).filter(v -> v > 0).orElse(60_000L);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INTERVAL + " must be a number of milliseconds", e);
        }
        Duration step = Duration.ofMillis(ms);
        Map<String, String> resource = Map.of("service.name", setting.apply(SERVICE).orElse("cs-bridge"),
                "service.instance.id", node);
        OtlpConfig otlpConfig = new OtlpConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public Duration step() {
                return step;
            }

            @Override
            public Map<String, String> resourceAttributes() {
                return resource;
            }

            @Override
            public Map<String, String> headers() {
                return Map.of();
            }
        };
        LOG.info(() -> "CS Bridge metrics also pushed through OTLP to " + url + " every " + step.toMillis() + " ms");
        return Optional.of(new OtlpMeterRegistry(otlpConfig, io.micrometer.core.instrument.Clock.SYSTEM));
    }

    /** A last push, then the OTLP registry's thread ends. */
    @PreDestroy
    synchronized void close() {
        if (otlp != null) otlp.close();
    }
}
