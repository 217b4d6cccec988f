package io.csbridge.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Counts by key, exported to every registry (Prometheus and OTLP): each exporter hears of every key. */
class KeyedCountsTest {

    @Test
    void everyExporterIsToldOfTheKeysSeenBeforeAndOfEachNewOne() {
        KeyedCounts counts = new KeyedCounts();
        counts.count("salesforce");
        List<String> prometheus = new ArrayList<>();
        List<String> otlp = new ArrayList<>();
        counts.exportTo(prometheus::add);
        counts.exportTo(otlp::add);
        counts.count("zendesk");
        counts.count("zendesk");

        assertThat(prometheus).containsExactly("salesforce", "zendesk");
        assertThat(otlp).containsExactly("salesforce", "zendesk");
        assertThat(counts.get("zendesk")).isEqualTo(2);
    }
}
