package io.csbridge.app.deliveries;

import io.csbridge.outbox.ChannelStatus;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.pipeline.DeliveryLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox as people read it: what was written where, what failed and why, a dead letter sent again;
 * and whether the pipeline keeps up (inbox and outbox counts, the review queue, each connector's mode).
 */
@ApplicationScoped
public class Deliveries {

    /**
     * Counts that tell an operator whether the pipeline keeps up, and each connector's report: its mode
     * ({@code live} or {@code sandbox}) and what it says about itself (API budget, pauses, circuit; never secrets).
     */
    public record PipelineStatus(Map<String, Long> inbox, Map<String, Long> outbox, long unmatched,
                                 Instant oldestUnprocessedEvent, Map<String, Map<String, Object>> connectors) {
    }

    @Inject
    Pipeline pipeline;

    /** Newest first; each filter is optional. */
    public List<DeliveryLog.Delivery> list(String accountId, String channel, String status, int limit, int offset) {
        return log().list(accountId, channel, status, limit, offset);
    }

    /** Sends a dead letter again. @return false when it is not a dead letter (or does not exist) */
    public boolean retry(long id) {
        return log().retry(id, pipeline.clock().instant());
    }

    public PipelineStatus status() {
        DeliveryLog.Status status = log().status();
        Map<String, Map<String, Object>> connectors = new LinkedHashMap<>();
        for (DeliveryChannel channel : pipeline.channelList()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("mode", channel.live() ? "live" : "sandbox");
            if (channel instanceof ChannelStatus reporting) {
                reporting.status().forEach(report::putIfAbsent);
            }
            connectors.put(channel.name(), report);
        }
        return new PipelineStatus(status.inbox(), status.outbox(), status.unmatched(), status.oldestNewEvent(), connectors);
    }

    private DeliveryLog log() {
        return new DeliveryLog(pipeline.database());
    }
}
