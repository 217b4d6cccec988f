package io.csbridge.runtime;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OTLP push of the csbridge meters: only when otel.exporter.otlp.endpoint is set, to its /v1/metrics, as protobuf. */
class OtlpExportTest {

    record Received(String path, String contentType, byte[] body) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    HttpServer receiver;

    @AfterEach
    void stop() {
        if (receiver != null) receiver.stop(0);
    }

    int startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        return receiver.getAddress().getPort();
    }

    @Test
    void withoutTheEndpointNothingIsPushed() {
        assertThat(MeterRegistries.otlp(key -> Optional.empty(), "node-a")).isEmpty();
        assertThat(MeterRegistries.otlp(key -> key.equals(MeterRegistries.ENDPOINT) ? Optional.of(" ") : Optional.empty(), "node-a")).isEmpty();
    }

    @Test
    void withTheEndpointTheMetersArePushedToItsV1MetricsAsProtobufNamedAndWithTheNode() throws Exception {
        int port = startReceiver();
        Map<String, String> settings = Map.of(MeterRegistries.ENDPOINT, "http://127.0.0.1:" + port + "/",
                MeterRegistries.INTERVAL, "60000");
        OtlpMeterRegistry registry = MeterRegistries.otlp(key -> Optional.ofNullable(settings.get(key)), "node-a").orElseThrow();
        AtomicLong accepted = new AtomicLong(7);
        registry.more().counter("csbridge.events.accepted", io.micrometer.core.instrument.Tags.of("source", "usage"), accepted,
                AtomicLong::doubleValue);
        registry.gauge("csbridge.jobs", io.micrometer.core.instrument.Tags.of("kind", "backfill"), accepted, AtomicLong::doubleValue);
        registry.close(); // a last push

        assertThat(received).isNotEmpty();
        Received push = received.get(0);
        assertThat(push.path()).isEqualTo("/v1/metrics");
        assertThat(push.contentType()).isEqualTo("application/x-protobuf");
        String body = new String(push.body(), StandardCharsets.ISO_8859_1);
        assertThat(body).contains("csbridge.events.accepted", "csbridge.jobs", "service.instance.id", "node-a", "cs-bridge");
    }

    @Test
    void anIntervalThatIsNotANumberIsRefusedClearly() {
        Map<String, String> settings = Map.of(MeterRegistries.ENDPOINT, "http://127.0.0.1:1", MeterRegistries.INTERVAL, "1m");
        assertThatThrownBy(() -> MeterRegistries.otlp(key -> Optional.ofNullable(settings.get(key)), "node-a"))
                .hasMessageContaining(MeterRegistries.INTERVAL);
    }
}
