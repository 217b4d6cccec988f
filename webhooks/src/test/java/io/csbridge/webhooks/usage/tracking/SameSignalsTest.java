package io.csbridge.webhooks.usage.tracking;

import io.csbridge.inbox.InboxEntry;
import io.csbridge.webhooks.usage.SegmentTranslator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** One translator behind both doors: the same messages give the same signals through either. */
class SameSignalsTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-02-01T12:00:00Z"), ZoneOffset.UTC);

    static final String BATCH = """
            {"batch":[
             {"type":"group","messageId":"g1","groupId":"acme","userId":"u1","timestamp":"2026-01-30T10:00:00Z",
              "traits":{"name":"Acme","domain":"Acme.example","plan":"pro","arr":120000,"seats":50}},
             {"type":"identify","messageId":"i1","userId":"u1","timestamp":"2026-01-30T10:01:00Z","traits":{"email":"ann@acme.example"}},
             {"type":"track","messageId":"t1","userId":"u1","event":"Report Viewed","timestamp":"2026-01-31T10:00:00Z",
              "context":{"groupId":"acme"},"properties":{"plan":"pro","count":3}},
             {"type":"track","messageId":"t2","userId":"u1","event":"Report Viewed","timestamp":"2026-01-31T11:00:00Z"},
             {"type":"track","messageId":"n1","userId":"u1","event":"NPS Answered","timestamp":"2026-01-31T12:00:00Z",
              "context":{"groupId":"acme"},"properties":{"score":9,"comment":"good"}},
             {"type":"page","messageId":"p1","userId":"u1","name":"Pricing","timestamp":"2026-01-31T13:00:00Z","context":{"groupId":"acme"}}
            ]}""";

    @Test
    void theTrackingApiAndTheSignedWebhookGiveTheSameSignals() {
        List<InboxEntry> webhook = new SegmentTranslator(clock).translate(BATCH);
        List<InboxEntry> tracking = TrackingRequest.read(TrackingEndpoint.BATCH, BATCH.getBytes(StandardCharsets.UTF_8))
                .entries(new SegmentTranslator(clock), clock.instant());

        assertThat(tracking).hasSize(6);
        for (int i = 0; i < webhook.size(); i++) {
            assertThat(tracking.get(i).dedupeKey()).isEqualTo(webhook.get(i).dedupeKey());
            assertThat(tracking.get(i).eventTime()).isEqualTo(webhook.get(i).eventTime());
            assertThat(tracking.get(i).signals()).isEqualTo(webhook.get(i).signals());
        }
    }
}
