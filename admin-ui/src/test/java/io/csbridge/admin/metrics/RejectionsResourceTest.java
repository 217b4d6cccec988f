package io.csbridge.admin.metrics;

import io.csbridge.admin.Roles;
import io.csbridge.app.intake.RejectionCounts;
import jakarta.annotation.security.RolesAllowed;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionsResourceTest {

    @Test
    @SuppressWarnings("unchecked")
    void rejectionCountsAreReportedByReasonWithATotal() {
        Map<String, Object> before = new RejectionsResource().rejections();
        long totalBefore = (long) before.get("total");
        long staleBefore = ((Map<String, Long>) before.get("byReason")).getOrDefault("stale_timestamp", 0L);
        RejectionCounts.INSTANCE.count("stale_timestamp");
        RejectionCounts.INSTANCE.count("stale_timestamp");
        Map<String, Object> after = new RejectionsResource().rejections();
        assertThat((long) after.get("total")).isEqualTo(totalBefore + 2);
        assertThat(((Map<String, Long>) after.get("byReason"))).containsEntry("stale_timestamp", staleBefore + 2);
    }

    @Test
    void onlyAnAdministratorSeesThem() {
        assertThat(RejectionsResource.class.getAnnotation(RolesAllowed.class).value()).containsExactly(Roles.ADMIN);
    }
}
