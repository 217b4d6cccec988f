package io.csbridge.connectors.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.csbridge.testing.MutableClock;
import io.csbridge.connectors.Settings;
import io.csbridge.connectors.TestDatabase;
import io.csbridge.domain.alerting.Alert;
import io.csbridge.domain.alerting.AlertKind;
import io.csbridge.domain.alerting.AlertMemoryUnavailable;
import io.csbridge.domain.alerting.AlertThreads;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;
import io.csbridge.store.alerts.AlertThreadStore;
import io.csbridge.store.Database;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.json.Json;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.store.alerts.SlackUserLookupStore;
import io.csbridge.outbox.VendorCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.csbridge.outbox.DeliveryOutcome.Result.DELIVERED;
import static io.csbridge.outbox.DeliveryOutcome.Result.REJECTED;
import static io.csbridge.outbox.DeliveryOutcome.Result.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

/** Slack's Web API as documented, faked by WireMock and driven through the Slack SDK. */
class SlackChannelTest {

    static final String POST = "/api/chat.postMessage";
    static final String UPDATE = "/api/chat.update";

    final WireMockServer slack = new WireMockServer(options().dynamicPort());
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    /** Where the channel keeps alert threads and owner lookups: a real database, as in the server. */
    Database db = TestDatabase.fresh();
    SlackChannel channel;

    @BeforeEach
    void start() {
        slack.start();
        connect(Map.of());
        slack.stubFor(post(POST).willReturn(okJson("{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\"1772366400.000100\"}")));
        slack.stubFor(post(UPDATE).willReturn(okJson("{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\"1772366400.000100\"}")));
    }

    @AfterEach
    void stop() {
        channel.close();
        slack.stop();
    }

    void connect(Map<String, String> extra) {
        if (channel != null) channel.close();
        Map<String, String> config = new HashMap<>(Map.of("slack.api-url", slack.baseUrl() + "/api/",
                "slack.bot-token", "xoxb-secret", "slack.alert-channel", "C0ALERTS",
                "slack.salesforce-url", "https://acme.lightning.force.com", "zendesk.url", "https://acme.zendesk.com",
                "slack.channel-languages", "C0JAPAN=ja"));
        config.putAll(extra);
        channel = new SlackChannel(SlackSettings.from(Settings.of(config)), clock, clock::advance,
                new AlertThreadStore(db), new SlackUserLookupStore(db), io.csbridge.connectors.TestDatabase.budgets(clock));
    }

    static Map<String, Object> alert(String id, String channel) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "alert");
        f.put("alertId", id);
        f.put("dedupeKey", "entered-red:acme");
        f.put("kind", "ENTERED_RED");
        f.put("accountId", "acme");
        f.put("accountName", "Acme <Corp>");
        f.put("owner", "U0OWNER");
        f.put("route", "OWNER");
        f.put("healthScore", 31);
        f.put("band", "Red");
        f.put("trend", -18);
        f.put("churnRisk", 74);
        f.put("onboardingCompletion", 100);
        f.put("drivers", List.of("Logins fell by 60%", "3 urgent tickets open"));
        f.put("threshold", 0.0);
        f.put("action", "Call the customer this week");
        f.put("salesforceId", "001A");
        f.put("zendeskId", "9001");
        f.put("at", "2026-03-01T12:00:00Z");
        if (channel != null) f.put("channel", channel);
        return f;
    }

    static OutboundWrite write(long id, Map<String, Object> fields) {
        return new OutboundWrite(id, "acme", "slack", fields, Instant.parse("2026-03-01T12:00:00Z"), 1);
    }

    static Map<String, String> form(LoggedRequest r) {
        Map<String, String> out = new HashMap<>();
        for (String pair : r.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        if (out.containsKey("blocks")) { // as Slack reads it: JSON, whatever escapes the SDK used
            try {
                out.put("blocks", Json.MAPPER.readTree(out.get("blocks")).toString());
            } catch (java.io.IOException e) {
                throw new AssertionError("blocks are not JSON", e);
            }
        }
        return out;
    }

    @Test
    void anAlertIsPostedWithItsFactsLinksAndTheThreeButtons() {
        assertThat(channel.deliver(List.of(write(1, alert("a-1", null))))).extracting(DeliveryOutcome::result)
                .containsExactly(DELIVERED);

        LoggedRequest request = slack.findAll(postRequestedFor(urlEqualTo(POST))).get(0);
        assertThat(request.getHeader("Authorization")).isEqualTo("Bearer xoxb-secret");
        Map<String, String> form = form(request);
        assertThat(form.get("channel")).isEqualTo("C0ALERTS");
        assertThat(form.get("text")).isEqualTo("Acme <Corp> entered Red");
        String blocks = form.get("blocks");
        assertThat(blocks).contains("\"action_id\":\"cs_ack\"").contains("\"action_id\":\"cs_snooze\"")
                .contains("\"action_id\":\"cs_create_task\"").contains("\"value\":\"a-1|acme\"")
                .contains("Acme &lt;Corp&gt;").contains("<@U0OWNER>").contains("Logins fell by 60%")
                .contains("-18").contains("https://acme.lightning.force.com/lightning/r/Account/001A/view")
                .contains("https://acme.zendesk.com/agent/organizations/9001").contains("Call the customer this week");
    }

    @Test
    void aFollowUpOfTheSameAlertGoesIntoItsThread() {
        channel.deliver(List.of(write(1, alert("a-1", null))));
        clock.advance(Duration.ofHours(1));
        channel.deliver(List.of(write(2, alert("a-2", null))));
        List<LoggedRequest> posts = slack.findAll(postRequestedFor(urlEqualTo(POST)));
        assertThat(form(posts.get(0))).doesNotContainKey("thread_ts");
        assertThat(form(posts.get(1))).containsEntry("thread_ts", "1772366400.000100");
    }

    @Test
    void aFollowUpAfterARestartStillGoesIntoTheAlertsThread(@TempDir Path data) {
        db = TestDatabase.file(data);
        connect(Map.of());
        channel.deliver(List.of(write(1, alert("a-1", null))));
        channel.close();

        // The server restarts: a new database object over the same file, new stores, a new channel.
        db = TestDatabase.file(data);
        channel = null;
        connect(Map.of());
        slack.stubFor(post(POST).willReturn(okJson("{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\"1772370000.000200\"}")));
        clock.advance(Duration.ofDays(3));
        assertThat(channel.deliver(List.of(write(2, alert("a-2", null))))).extracting(DeliveryOutcome::result)
                .containsExactly(DELIVERED);

        List<LoggedRequest> posts = slack.findAll(postRequestedFor(urlEqualTo(POST)));
        assertThat(posts).hasSize(2);
        assertThat(form(posts.get(1))).containsEntry("thread_ts", "1772366400.000100");
        // another account's alert of the same rule starts its own thread
        channel.deliver(List.of(write(3, withKey(alert("b-1", null), "entered-red:globex"))));
        assertThat(form(slack.findAll(postRequestedFor(urlEqualTo(POST))).get(2))).doesNotContainKey("thread_ts");
    }

    @Test
    void aFollowUpInAnotherChannelStartsItsOwnThreadThere() {
        channel.deliver(List.of(write(1, alert("a-1", null))));
        channel.deliver(List.of(write(2, alert("a-2", "C0JAPAN"))));
        assertThat(form(slack.findAll(postRequestedFor(urlEqualTo(POST))).get(1))).doesNotContainKey("thread_ts");
    }

    @Test
    void aPressOnAFollowUpUpdatesThatReplyNotTheThreadsFirstMessage() {
        channel.deliver(List.of(write(1, alert("a-1", null))));
        slack.stubFor(post(POST).willReturn(okJson("{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\"1772370000.000200\"}")));
        channel.deliver(List.of(write(2, alert("a-2", null))));
        Map<String, Object> press = new LinkedHashMap<>(Map.of("type", "action", "channel", "C0ALERTS",
                "ts", "1772370000.000200", "action", "cs_ack", "user", "U0CSM", "at", "2026-03-01T12:05:00Z",
                "alert", alert("a-2", null)));
        assertThat(channel.deliver(List.of(write(3, press)))).extracting(DeliveryOutcome::result).containsExactly(DELIVERED);
        Map<String, String> update = form(slack.findAll(postRequestedFor(urlEqualTo(UPDATE))).get(0));
        assertThat(update).containsEntry("ts", "1772370000.000200").doesNotContainKey("thread_ts");
        // and the thread is still the first message's
        channel.deliver(List.of(write(4, alert("a-3", null))));
        assertThat(form(slack.findAll(postRequestedFor(urlEqualTo(POST))).get(2))).containsEntry("thread_ts", "1772366400.000100");
    }

    static Map<String, Object> withKey(Map<String, Object> alert, String dedupeKey) {
        alert.put("dedupeKey", dedupeKey);
        return alert;
    }

    @Test
    void aChannelInJapaneseGetsJapaneseTexts() {
        channel.deliver(List.of(write(1, alert("a-1", "C0JAPAN"))));
        Map<String, String> form = form(slack.findAll(postRequestedFor(urlEqualTo(POST))).get(0));
        assertThat(form.get("text")).isEqualTo("Acme <Corp> のヘルスがRedになりました");
        assertThat(form.get("blocks")).contains("確認済みにする").contains("タスクを作成").contains("主な要因");
    }

    @Test
    void theDriversOfAnAlertAreWrittenInEachChannelsLanguage() {
        Driver tickets = new Driver("openTickets", 40, -12, "4 open tickets", Map.of("openTickets", 4));
        Map<String, Object> fields = new Alert("a-1", "entered-red:acme", "entered-red", AlertKind.ENTERED_RED, "acme",
                "Acme", null, Alert.Route.OWNER, 31, Band.RED, -18, 74, 100, List.of(tickets), null, 0, null, null, null,
                Instant.parse("2026-03-01T12:00:00Z")).toFields();
        Map<String, Object> japanese = new LinkedHashMap<>(fields);
        japanese.put("channel", "C0JAPAN");
        // through the outbox's JSON, as the payload is stored
        channel.deliver(List.of(write(1, Json.MAPPER.convertValue(japanese, Map.class))));
        channel.deliver(List.of(write(2, Json.MAPPER.convertValue(fields, Map.class))));
        List<LoggedRequest> posts = slack.findAll(postRequestedFor(urlEqualTo(POST)));
        assertThat(form(posts.get(0)).get("blocks")).contains("未解決チケット 4件").doesNotContain("4 open tickets");
        assertThat(form(posts.get(1)).get("blocks")).contains("4 open tickets");
    }

    @Test
    void anAlertQueuedWithEnglishDriverLinesOnlyStillShowsThem() {
        channel.deliver(List.of(write(1, alert("a-1", "C0JAPAN"))));
        assertThat(form(slack.findAll(postRequestedFor(urlEqualTo(POST))).get(0)).get("blocks")).contains("Logins fell by 60%");
    }

    @Test
    void aChannelThatDoesNotExistIsRejectedWithSlacksError() {
        slack.stubFor(post(POST).willReturn(okJson("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        List<DeliveryOutcome> outcomes = channel.deliver(List.of(write(1, alert("a-1", "C0GONE"))));
        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(REJECTED);
            assertThat(o.error()).contains("channel_not_found");
        });
    }

    @Test
    void aRevokedTokenIsRetriedNotDropped() {
        slack.stubFor(post(POST).willReturn(okJson("{\"ok\":false,\"error\":\"invalid_auth\"}")));
        assertThat(channel.deliver(List.of(write(1, alert("a-1", null))))).extracting(DeliveryOutcome::result)
                .containsExactly(RETRY);
    }

    @Test
    void a429HonoursRetryAfterForTheRestOfTheBatch() {
        slack.stubFor(post(POST).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "17")
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
        List<DeliveryOutcome> outcomes = channel.deliver(List.of(write(1, alert("a-1", null)), write(2, alert("a-2", "C0OTHER"))));
        assertThat(outcomes).extracting(DeliveryOutcome::result).containsExactly(RETRY, RETRY);
        assertThat(outcomes).extracting(DeliveryOutcome::retryAfter).containsExactly(Duration.ofSeconds(17), Duration.ofSeconds(17));
        assertThat(slack.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    void noMoreThanOneMessagePerSecondGoesToAChannel() {
        Instant start = clock.instant();
        channel.deliver(List.of(write(1, alert("a-1", "C1")), write(2, alert("a-2", "C2")), write(3, alert("a-3", "C1")),
                write(4, alert("a-4", "C1"))));
        assertThat(slack.findAll(postRequestedFor(urlEqualTo(POST)))).hasSize(4);
        assertThat(Duration.between(start, clock.instant())).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aPressedButtonUpdatesTheMessageWithWhoAndWhen() {
        Map<String, Object> action = new LinkedHashMap<>(Map.of("type", "action", "channel", "C0ALERTS",
                "ts", "1772366400.000100", "action", "cs_ack", "user", "U0CSM", "at", "2026-03-01T12:05:00Z",
                "text", "Acme entered Red"));
        assertThat(channel.deliver(List.of(write(5, action)))).extracting(DeliveryOutcome::result).containsExactly(DELIVERED);
        Map<String, String> form = form(slack.findAll(postRequestedFor(urlEqualTo(UPDATE))).get(0));
        assertThat(form).containsEntry("channel", "C0ALERTS").containsEntry("ts", "1772366400.000100");
        assertThat(form.get("blocks")).contains("Acknowledged by <@U0CSM> at 2026-03-01 12:05 UTC")
                .doesNotContain("cs_ack");
    }

    @Test
    void aSnoozePressKeepsTheAlertDropsItsButtonsAndSaysWhoSnoozedItForHowLong() {
        Map<String, Object> action = new LinkedHashMap<>(Map.of("type", "action", "channel", "C0ALERTS",
                "ts", "1772366400.000100", "action", "cs_snooze", "user", "U0CSM", "at", "2026-03-01T12:05:00Z",
                "days", 7, "alert", alert("812", null)));
        assertThat(channel.deliver(List.of(write(7, action)))).extracting(DeliveryOutcome::result).containsExactly(DELIVERED);
        Map<String, String> form = form(slack.findAll(postRequestedFor(urlEqualTo(UPDATE))).get(0));
        assertThat(form.get("blocks")).contains("entered Red").contains("Logins fell by 60%")
                .contains("Snoozed for 7 days by <@U0CSM> at 2026-03-01 12:05 UTC")
                .doesNotContain("cs_create_task").doesNotContain("cs_snooze");
        assertThat(form.get("text")).startsWith("Acme <Corp> entered Red");
    }

    @Test
    void aTaskPressOnAnAccountWithoutSalesforceSaysSoInsteadOfClaimingATask() {
        Map<String, Object> action = new LinkedHashMap<>(Map.of("type", "action", "channel", "C0ALERTS",
                "ts", "1772366400.000100", "action", "cs_create_task", "user", "U0CSM", "at", "2026-03-01T12:05:00Z",
                "taskQueued", false));
        channel.deliver(List.of(write(8, action)));
        assertThat(form(slack.findAll(postRequestedFor(urlEqualTo(UPDATE))).get(0)).get("blocks"))
                .contains("no Salesforce Account is linked").doesNotContain("task created");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOperatorStatusShowsA429PauseAndTheCircuitButNeverTheToken() {
        channel.deliver(List.of(write(1, alert("a-1", null))));
        assertThat(channel.status()).containsEntry("mode", "live").containsEntry("alertChannel", "C0ALERTS")
                .containsEntry("lastSuccessAt", clock.instant().toString()).doesNotContainKey("pausedUntil");
        slack.stubFor(post(POST).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "12")));
        channel.deliver(List.of(write(2, alert("a-2", null))));
        Map<String, Object> status = channel.status();
        assertThat(status).containsKey("pausedUntil");
        assertThat((Map<String, Object>) status.get("circuit")).containsEntry("state", "CLOSED");
        assertThat((Map<String, Object>) status.get("userLookups")).containsEntry("perMinute", 50);
        assertThat(status.toString()).doesNotContain("xoxb");
    }

    @Test
    void aDigestListsTheDaysAlertsForItsRecipient() {
        Map<String, Object> digest = new LinkedHashMap<>(Map.of("type", "digest", "owner", "U0OWNER", "day", "2026-03-01",
                "alerts", List.of(alert("a-1", null), alert("a-2", null))));
        assertThat(channel.deliver(List.of(write(6, digest)))).extracting(DeliveryOutcome::result).containsExactly(DELIVERED);
        Map<String, String> form = form(slack.findAll(postRequestedFor(urlEqualTo(POST))).get(0));
        assertThat(form.get("text")).isEqualTo("Daily digest for 2026-03-01: 2 alerts");
        assertThat(form.get("blocks")).contains("<@U0OWNER>").contains("entered Red");
    }

    @Test
    void withoutATokenTheSandboxRecordsThePostWithoutSecrets() {
        SlackChannel sandbox = new SlackChannel(SlackSettings.from(Settings.of(Map.of("slack.alert-channel", "C0ALERTS"))),
                clock, clock::advance, new AlertThreadStore(db), new SlackUserLookupStore(db), io.csbridge.connectors.TestDatabase.budgets(clock));
        assertThat(sandbox.live()).isFalse();
        List<VendorCall> calls = sandbox.preview(List.of(write(1, alert("a-1", null))));
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.url()).isEqualTo("https://slack.com/api/chat.postMessage");
            assertThat(c.body()).contains("cs_create_task").contains("C0ALERTS").doesNotContain("xoxb");
        });
    }

    @Test
    void theSlackChannelIsNamedSlackAndHoldsNoWriteForCompany() {
        assertThat(channel.name()).isEqualTo("slack");
        assertThat(channel.defaultLinger()).contains(Duration.ZERO);
    }

    @Test
    void whenTheThreadsCannotBeReadTheAlertWaitsForTheDatabaseUnposted() {
        SlackChannel down = new SlackChannel(SlackSettings.from(Settings.of(Map.of("slack.api-url", slack.baseUrl() + "/api/",
                "slack.bot-token", "xoxb-secret", "slack.alert-channel", "C0ALERTS"))), clock, clock::advance,
                new AlertThreads() {
                    @Override
                    public Optional<String> threadOf(String channel, String alertKey) {
                        throw new AlertMemoryUnavailable("connection refused", null);
                    }

                    @Override
                    public String started(String channel, String alertKey, String messageTs, Instant at) {
                        throw new AlertMemoryUnavailable("connection refused", null);
                    }
                }, new SlackUserLookupStore(db), io.csbridge.connectors.TestDatabase.budgets(clock));
        try {
            assertThat(down.deliver(List.of(write(1, alert("a-1", null))))).singleElement().satisfies(o -> {
                assertThat(o.result()).isEqualTo(RETRY);
                assertThat(o.error()).isEqualTo("database: connection refused");
            });
            assertThat(slack.findAll(anyRequestedFor(anyUrl()))).isEmpty();
        } finally {
            down.close();
        }
    }

    static Map<String, Object> reserveNotice() {
        return new LinkedHashMap<>(Map.of("type", "notice", "kind", "SALESFORCE_API_RESERVE", "used", 80500, "limit", 100000,
                "share", 80, "until", "2026-03-01T12:15:00Z", "at", "2026-03-01T12:00:00Z"));
    }

    @Test
    void anOperatorNoticeGoesToTheOperatorChannelSayingWhatWaitsAndUntilWhenWithoutButtons() {
        connect(Map.of("slack.operator-channel", "C0OPS"));
        assertThat(channel.deliver(List.of(new OutboundWrite(1, "operator", "notice:SALESFORCE_API_RESERVE", reserveNotice(),
                clock.instant(), 1)))).extracting(DeliveryOutcome::result).containsExactly(DeliveryOutcome.Result.DELIVERED);

        Map<String, String> posted = form(slack.findAll(postRequestedFor(urlEqualTo(POST))).get(0));
        assertThat(posted).containsEntry("channel", "C0OPS").doesNotContainKey("thread_ts");
        assertThat(posted.get("text")).contains("80500 of 100000").contains("(80%)").contains("2026-03-01 12:15 UTC")
                .contains("nothing is lost");
        assertThat(posted.get("blocks")).doesNotContain("cs_ack").doesNotContain("xoxb");
    }

    @Test
    void anOperatorNoticeInAJapaneseChannelIsInJapaneseWithTokyoTime() {
        connect(Map.of("slack.operator-channel", "C0JAPAN"));
        channel.deliver(List.of(new OutboundWrite(1, "operator", "notice:SALESFORCE_API_RESERVE", reserveNotice(),
                clock.instant(), 1)));

        assertThat(form(slack.findAll(postRequestedFor(urlEqualTo(POST))).get(0)).get("text"))
                .contains("割り当て(80%)").contains("2026-03-01 21:15 JST");
    }

    @Test
    void withoutAnOperatorChannelNoticesGoToTheAlertChannel() {
        channel.deliver(List.of(new OutboundWrite(1, "operator", "notice:SALESFORCE_API_RESERVE", reserveNotice(),
                clock.instant(), 1)));
        assertThat(form(slack.findAll(postRequestedFor(urlEqualTo(POST))).get(0))).containsEntry("channel", "C0ALERTS");
    }
}
