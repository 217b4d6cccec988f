package io.csbridge.alerts;

import io.csbridge.json.Json;
import io.csbridge.store.Database;
import io.csbridge.testing.TestDatabase;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Operator notices go to Slack through the outbox, once per kind per day. */
class OperatorNoticesTest {

    final Database db = TestDatabase.fresh();

    static OperatorNotice reserve(String at) {
        return new OperatorNotice(OperatorNotice.SALESFORCE_API_RESERVE,
                Map.of("used", 80500L, "limit", 100000L, "share", 80, "until", "2026-03-01T12:15:00Z"), Instant.parse(at));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNoticeIsQueuedAsASlackNoticeWithItsValues() throws Exception {
        assertThat(OperatorNotices.queue(db, reserve("2026-03-01T12:00:00Z"))).isTrue();

        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE channel = 'slack' AND status = 'PENDING' "
                + "AND target = 'notice:SALESFORCE_API_RESERVE'")).isEqualTo(1);
        String payload = db.inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT payload FROM outbox WHERE channel = 'slack'")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertThat(Json.MAPPER.readValue(payload, Map.class)).containsEntry("type", "notice").containsEntry("kind", "SALESFORCE_API_RESERVE")
                .containsEntry("until", "2026-03-01T12:15:00Z").containsKey("used").containsKey("limit");
    }

    @Test
    void theSameKindIsToldOncePerDayHoweverOftenItIsRaised() {
        assertThat(OperatorNotices.queue(db, reserve("2026-03-01T12:00:00Z"))).isTrue();
        assertThat(OperatorNotices.queue(db, reserve("2026-03-01T12:15:00Z"))).isFalse();
        assertThat(OperatorNotices.queue(db, reserve("2026-03-01T23:59:00Z"))).isFalse();
        assertThat(OperatorNotices.queue(db, new OperatorNotice(OperatorNotice.SALESFORCE_REQUEST_LIMIT,
                Map.of("until", "2026-03-01T13:00:00Z"), Instant.parse("2026-03-01T12:20:00Z")))).isTrue();
        assertThat(OperatorNotices.queue(db, reserve("2026-03-02T00:01:00Z"))).isTrue();

        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM outbox WHERE channel = 'slack'")).isEqualTo(3);
    }
}
