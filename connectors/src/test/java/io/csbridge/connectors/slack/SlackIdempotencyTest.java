package io.csbridge.connectors.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.csbridge.connectors.Settings;
import io.csbridge.connectors.TestDatabase;
import io.csbridge.json.Json;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.store.Database;
import io.csbridge.store.alerts.AlertThreadStore;
import io.csbridge.store.alerts.SlackUserLookupStore;
import io.csbridge.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.csbridge.outbox.DeliveryOutcome.Result.DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: a Slack write sent again because its first outcome was never recorded (the worker died
 * between Slack's answer and the settlement) is not posted twice. The fake Slack keeps what was posted
 * and answers {@code conversations.history} / {@code conversations.replies} with it, metadata included
 * as {@code include_all_metadata} asks; driven through the real Slack SDK.
 */
class SlackIdempotencyTest {

    static final String POST = "/api/chat.postMessage";
    static final String HISTORY = "/api/conversations.history";
    static final String REPLIES = "/api/conversations.replies";
    static final Instant QUEUED = Instant.parse("2026-03-01T12:00:00Z");

    final FakeSlack fake = new FakeSlack();
    final WireMockServer slack = new WireMockServer(options().dynamicPort().extensions(fake));
    final MutableClock clock = new MutableClock(QUEUED);
    final Database db = TestDatabase.fresh();
    SlackChannel channel;

    @BeforeEach
    void start() {
        slack.start();
        for (String path : List.of(POST, HISTORY, REPLIES)) {
            slack.stubFor(post(path).willReturn(okJson("{}").withTransformers(FakeSlack.NAME)));
        }
        channel = new SlackChannel(SlackSettings.from(Settings.of(Map.of("slack.api-url", slack.baseUrl() + "/api/",
                "slack.bot-token", "xoxb-secret", "slack.alert-channel", "C0ALERTS"))), clock, clock::advance,
                new AlertThreadStore(db), new SlackUserLookupStore(db), io.csbridge.connectors.TestDatabase.budgets(clock));
    }

    @AfterEach
    void stop() {
        channel.close();
        slack.stop();
    }

    @Test
    void anAlertSentAgainAfterACrashBeforeItsOutcomeWasRecordedIsPostedOnce() {
        assertThat(deliver(write(1, "alert:a-1", SlackChannelTest.alert("a-1", null), 1))).isEqualTo(DELIVERED);
        // ... the worker dies before recording the outcome; the lease runs out; another worker claims it
        clock.advance(Duration.ofMinutes(3));
        assertThat(deliver(write(1, "alert:a-1", SlackChannelTest.alert("a-1", null), 2))).isEqualTo(DELIVERED);

        assertThat(fake.posted).hasSize(1);
        // the alert started its thread, so it is looked for there (conversations.replies lists the thread's parent too)
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(REPLIES)))).hasSize(1);
    }

    @Test
    void aFirstAttemptLooksForNothingAndARetryWhosePostNeverReachedSlackIsPosted() {
        assertThat(deliver(write(1, "alert:a-1", SlackChannelTest.alert("a-1", null), 1))).isEqualTo(DELIVERED);
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(HISTORY)))).isEmpty();
        assertThat(deliver(write(7, "notice:X:2026-03-01", SlackChannelTest.reserveNotice(), 3))).isEqualTo(DELIVERED);

        assertThat(fake.posted).hasSize(2);
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(HISTORY)))).hasSize(1);
        Map<String, String> lookup = SlackChannelTest.form(slack.findAll(postRequestedFor(urlEqualTo(HISTORY))).get(0));
        assertThat(lookup).containsEntry("channel", "C0ALERTS").containsEntry("include_all_metadata", "1")
                .containsEntry("oldest", SlackPostedMessages.slackTs(QUEUED.minus(Duration.ofMinutes(15))));
        assertThat(fake.posted.get(1).path("metadata").path("event_type").asText()).isEqualTo("cs_bridge_write");
        assertThat(fake.posted.get(1).path("metadata").path("event_payload").path("key").asText())
                .isEqualTo("notice:X:2026-03-01@" + QUEUED.toEpochMilli());
    }

    @Test
    void aFollowUpReplySentAgainIsFoundInItsThreadAndNotRepliedTwice() {
        assertThat(deliver(write(1, "alert:a-1", SlackChannelTest.alert("a-1", null), 1))).isEqualTo(DELIVERED);
        clock.advance(Duration.ofHours(1));
        assertThat(deliver(write(2, "alert:a-2", SlackChannelTest.alert("a-2", null), 1))).isEqualTo(DELIVERED);
        assertThat(deliver(write(2, "alert:a-2", SlackChannelTest.alert("a-2", null), 2))).isEqualTo(DELIVERED);

        assertThat(fake.posted).hasSize(2);
        assertThat(fake.posted.get(1).path("thread_ts").asText()).isEqualTo(fake.posted.get(0).path("ts").asText());
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(REPLIES)))).hasSize(1);
    }

    @Test
    void aNoticeSentAgainAfterACrashIsFoundInTheChannelsHistory() {
        assertThat(deliver(write(7, "notice:X:2026-03-01", SlackChannelTest.reserveNotice(), 1))).isEqualTo(DELIVERED);
        assertThat(deliver(write(7, "notice:X:2026-03-01", SlackChannelTest.reserveNotice(), 2))).isEqualTo(DELIVERED);
        assertThat(fake.posted).hasSize(1);
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(HISTORY)))).hasSize(1);
    }

    @Test
    void withoutTheHistoryScopeARetryIsStillPostedRatherThanStuck() {
        fake.historyError = "missing_scope";
        assertThat(deliver(write(1, "alert:a-1", SlackChannelTest.alert("a-1", null), 2))).isEqualTo(DELIVERED);
        assertThat(fake.posted).hasSize(1);
    }

    private DeliveryOutcome.Result deliver(OutboundWrite w) {
        List<DeliveryOutcome> outcomes = channel.deliver(List.of(w));
        assertThat(outcomes).hasSize(1);
        return outcomes.get(0).result();
    }

    static OutboundWrite write(long id, String dedupe, Map<String, Object> fields, int attempt) {
        return new OutboundWrite(id, "acme", "slack", fields, QUEUED, attempt, dedupe + "@" + QUEUED.toEpochMilli(),
                "claim-" + attempt);
    }

    /** Slack's channel as far as posting and reading it back go: messages kept in order, with their metadata. */
    static final class FakeSlack implements ResponseDefinitionTransformerV2 {
        static final String NAME = "fake-slack";
        final List<ObjectNode> posted = new CopyOnWriteArrayList<>();
        volatile String historyError;

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Map<String, String> form = SlackChannelTest.form(event.getRequest());
            String url = event.getRequest().getUrl();
            ObjectNode answer = Json.MAPPER.createObjectNode();
            if (url.endsWith("chat.postMessage")) {
                ObjectNode message = Json.MAPPER.createObjectNode();
                String ts = "1772366400." + String.format("%06d", posted.size() + 100);
                message.put("type", "message").put("ts", ts).put("text", form.get("text"));
                if (form.containsKey("thread_ts")) message.put("thread_ts", form.get("thread_ts"));
                if (form.containsKey("metadata")) message.set("metadata", json(form.get("metadata")));
                posted.add(message);
                answer.put("ok", true).put("channel", form.get("channel")).put("ts", ts);
            } else if (historyError != null) {
                answer.put("ok", false).put("error", historyError);
            } else {
                boolean replies = url.endsWith("conversations.replies");
                ArrayNode messages = answer.put("ok", true).putArray("messages");
                for (ObjectNode m : posted) {
                    boolean inThread = m.has("thread_ts");
                    boolean wanted = replies ? m.path("thread_ts").asText().equals(form.get("ts"))
                            || m.path("ts").asText().equals(form.get("ts")) : !inThread;
                    if (!wanted) continue;
                    ObjectNode copy = m.deepCopy();
                    if (!"1".equals(form.get("include_all_metadata")) && !"true".equals(form.get("include_all_metadata"))) {
                        copy.remove("metadata");
                    }
                    messages.add(copy);
                }
                answer.put("has_more", false);
            }
            return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody(answer.toString()).build();
        }

        private static JsonNode json(String text) {
            try {
                return Json.MAPPER.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
