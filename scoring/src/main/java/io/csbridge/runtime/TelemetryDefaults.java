package io.csbridge.runtime;

import org.eclipse.microprofile.config.spi.ConfigSource;

import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * When {@code otel.exporter.otlp.endpoint} is set (system property or {@code OTEL_EXPORTER_OTLP_ENDPOINT}), the
 * MicroProfile Telemetry settings that make WildFly's OpenTelemetry SDK export this application's traces (and
 * MicroProfile Telemetry's own HTTP and JVM metrics) to the same collector as {@link MeterRegistries}: the SDK
 * on ({@code otel.sdk.disabled=false}; it is off per application unless enabled), OTLP over HTTP with protobuf
 * (the server's default is gRPC on 4317), the service name, and no log export. An ordinal of 150: above the
 * application's microprofile-config.properties, below the environment (300) and system properties (400), so an
 * operator's own value wins. Without the endpoint this source is empty and the SDK stays off.
 */
public final class TelemetryDefaults implements ConfigSource {

    static final Map<String, String> WHEN_ENDPOINT_SET = Map.of(
            "otel.sdk.disabled", "false",
            "otel.exporter.otlp.protocol", "http/protobuf",
            "otel.service.name", "cs-bridge",
            "otel.logs.exporter", "none");

    private final UnaryOperator<String> environment;
    private final UnaryOperator<String> systemProperties;

    public TelemetryDefaults() {
        this(System::getenv, System::getProperty);
    }

    TelemetryDefaults(UnaryOperator<String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    private boolean endpointSet() {
        String value = systemProperties.apply(MeterRegistries.ENDPOINT);
        if (value == null) value = environment.apply("OTEL_EXPORTER_OTLP_ENDPOINT");
        return value != null && !value.isBlank();
    }

    @Override
    public Set<String> getPropertyNames() {
        return endpointSet() ? WHEN_ENDPOINT_SET.keySet() : Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        return endpointSet() ? WHEN_ENDPOINT_SET.get(propertyName) : null;
    }

    @Override
    public String getName() {
        return "cs-bridge telemetry defaults";
    }

    @Override
    public int getOrdinal() {
        return 150;
    }
}
