package io.csbridge.webhooks.security;

import io.csbridge.webhooks.RejectionCounts;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionsEndpointTest {

    @Test
    @SuppressWarnings("unchecked")
    void rejectionCountsAreReportedByReasonWithATotal() {
        Map<String, Object> before = new RejectionsEndpoint().rejections();
        long totalBefore = (long) before.get("total");
        long staleBefore = ((Map<String, Long>) before.get("byReason")).getOrDefault("stale_timestamp", 0L);
        RejectionCounts.INSTANCE.count("stale_timestamp");
        RejectionCounts.INSTANCE.count("stale_timestamp");
        Map<String, Object> after = new RejectionsEndpoint().rejections();
        assertThat((long) after.get("total")).isEqualTo(totalBefore + 2);
        assertThat(((Map<String, Long>) after.get("byReason"))).containsEntry("stale_timestamp", staleBefore + 2);
    }
}
