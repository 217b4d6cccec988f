package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountKeys;
import io.csbridge.testing.MutableClock;
import io.csbridge.connectors.Settings;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Band;
import io.csbridge.vendors.ChannelNames;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.json.Json;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.VendorCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.csbridge.outbox.DeliveryOutcome.Result.DELIVERED;
import static io.csbridge.outbox.DeliveryOutcome.Result.REJECTED;
import static io.csbridge.outbox.DeliveryOutcome.Result.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

/** Zendesk as its API documents itself, faked by WireMock and driven through zendesk-java-client. */
class ZendeskChannelTest {

    static final String UPDATE_MANY = "/api/v2/organizations/update_many.json";
    static final String JOB_STATUSES = "/api/v2/job_statuses/show_many.json";

    final FakeZendeskJobs fake = new FakeZendeskJobs();
    final WireMockServer zd = new WireMockServer(options().dynamicPort().extensions(fake));
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    ZendeskConnection connection;
    ZendeskChannel channel;

    @BeforeEach
    void start() {
        zd.start();
        zd.stubFor(put(urlPathEqualTo(UPDATE_MANY)).willReturn(aResponse().withTransformers("zendesk-jobs")));
        zd.stubFor(get(urlPathEqualTo(JOB_STATUSES)).willReturn(aResponse().withTransformers("zendesk-jobs")));
        connect(Map.of());
    }

    @AfterEach
    void stop() {
        connection.close();
        zd.stop();
    }

    void connect(Map<String, String> extra) {
        if (connection != null) connection.close();
        Map<String, String> config = new HashMap<>(Map.of("zendesk.url", zd.baseUrl(), "zendesk.email", "cs@acme.com",
                "zendesk.api-token", "tok3n", "zendesk.job-poll-interval-seconds", "1"));
        config.putAll(extra);
        connection = new ZendeskConnection(ZendeskSettings.from(Settings.of(config)), clock, clock::advance, io.csbridge.connectors.TestDatabase.budgets(clock));
        channel = new ZendeskChannel(connection);
    }

    static AccountScore score(int health, Band band) {
        return new AccountScore(health, band, 70, 40, "tech-touch", -10, List.of(), List.of(), Instant.EPOCH);
    }

    List<OutboundWrite> writes(int n) {
        List<OutboundWrite> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new OutboundWrite(i + 1, "acct-" + i, String.valueOf(9000 + i), channel.fields(score(30, Band.RED)),
                    clock.instant(), 1));
        }
        return out;
    }

    static List<DeliveryOutcome.Result> results(List<DeliveryOutcome> outcomes) {
        return outcomes.stream().map(DeliveryOutcome::result).toList();
    }

    @Test
    void fieldsAndTheBandTagGoOutInOneUpdateManyWhoseJobIsConfirmed() throws Exception {
        assertThat(results(channel.deliver(writes(3)))).containsExactly(DELIVERED, DELIVERED, DELIVERED);

        assertThat(zd.findAll(putRequestedFor(urlPathEqualTo(UPDATE_MANY)))).hasSize(1);
        assertThat(zd.findAll(getRequestedFor(urlPathEqualTo(JOB_STATUSES)))).hasSize(1);
        JsonNode body = Json.MAPPER.readTree(zd.findAll(putRequestedFor(urlPathEqualTo(UPDATE_MANY))).get(0).getBodyAsString());
        JsonNode org = body.get("organizations").get(0);
        assertThat(org.get("id").asLong()).isEqualTo(9000);
        assertThat(org.get("organization_fields").get("cs_health_score").asInt()).isEqualTo(30);
        assertThat(org.get("organization_fields").get("cs_health_band").asText()).isEqualTo("cs_health_red");
        assertThat(org.get("organization_fields").get("cs_churn_risk").asInt()).isEqualTo(70);
        assertThat(org.get("organization_fields").get("cs_onboarding_completion").asInt()).isEqualTo(40);
        assertThat(org.has("tags")).as("the org's own tags are never overwritten").isFalse();
        assertThat(org.has("name")).isFalse();
        assertThat(zd.findAll(putRequestedFor(urlPathEqualTo(UPDATE_MANY))).get(0).getHeader("Authorization"))
                .startsWith("Basic ");
    }

    @Test
    void closingStopsTheClientsThreadsBeforeItReturnsSoNothingRunsAfterAnUndeploy() {
        assertThat(results(channel.deliver(writes(1)))).containsExactly(DELIVERED);
        assertThat(zendeskThreads()).as("the client's own event loop threads while it works").isNotEmpty();
        connection.close();
        assertThat(connection.stopped()).isTrue();
        assertThat(zendeskThreads()).as("alive after close() returned").isEmpty();
    }

    static List<String> zendeskThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("csbridge-zendesk")).toList();
    }

    @Test
    void theBandIsWrittenAsItsTag() {
        assertThat(channel.fields(score(80, Band.GREEN))).containsEntry("cs_health_band", "cs_health_green");
        assertThat(channel.fields(score(55, Band.YELLOW))).containsEntry("cs_health_band", "cs_health_yellow");
        assertThat(channel.fields(score(50, Band.UNKNOWN))).containsEntry("cs_health_band", "cs_health_unknown");
    }

    @Test
    void anOrganizationTheJobReportsFailedIsRejectedAloneTheOthersAreDelivered() {
        fake.failing.add(9001L);
        List<DeliveryOutcome> outcomes = channel.deliver(writes(3));
        assertThat(results(outcomes)).containsExactly(DELIVERED, REJECTED, DELIVERED);
        assertThat(outcomes.get(1).error()).contains("OrganizationUpdateFailed");
    }

    @Test
    void aJobStillWorkingIsPolledAgainUntilItCompletes() {
        fake.pollsBeforeDone.set(2);
        assertThat(results(channel.deliver(writes(2)))).containsOnly(DELIVERED);
        assertThat(zd.findAll(getRequestedFor(urlPathEqualTo(JOB_STATUSES)))).hasSize(3);
    }

    @Test
    void aJobThatNeverFinishesLeavesItsWritesForALaterRetry() {
        fake.pollsBeforeDone.set(1_000);
        assertThat(results(channel.deliver(writes(2)))).containsOnly(RETRY);
    }

    @Test
    void a429HonoursRetryAfterAndHoldsEveryFurtherCallUntilThen() {
        zd.stubFor(put(urlPathEqualTo(UPDATE_MANY)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"TooManyRequests\"}")));

        List<DeliveryOutcome> first = channel.deliver(writes(150));
        assertThat(results(first)).hasSize(150).containsOnly(RETRY);
        assertThat(first.get(0).retryAfter()).isEqualTo(Duration.ofSeconds(30));

        clock.advance(Duration.ofSeconds(10));
        List<DeliveryOutcome> second = channel.deliver(writes(1));
        assertThat(second.get(0).result()).isEqualTo(RETRY);
        assertThat(second.get(0).retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(zd.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theOperatorStatusShowsTheBudgetTheRetryAfterPauseTheCircuitAndTheLastSuccess() {
        channel.deliver(writes(2));
        Map<String, Object> status = channel.status();
        assertThat(status).containsEntry("mode", "live").containsKey("lastSuccessAt");
        assertThat((Map<String, Object>) status.get("requests")).containsEntry("perMinute", 200).containsEntry("usedLastMinute", 2);
        assertThat(status.toString()).doesNotContain("tok3n");

        zd.stubFor(put(urlPathEqualTo(UPDATE_MANY)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"TooManyRequests\"}")));
        channel.deliver(writes(1));
        Map<String, Object> paused = (Map<String, Object>) channel.status().get("requests");
        assertThat(paused.get("pausedUntil").toString()).isEqualTo(clock.instant().plusSeconds(30).toString());
        assertThat((Map<String, Object>) channel.status().get("circuit")).containsEntry("state", "CLOSED");
    }

    @Test
    void theRequestsPerMinuteBudgetIsNeverExceeded() {
        connect(Map.of("zendesk.requests-per-minute", "3"));
        Instant start = clock.instant();
        List<DeliveryOutcome> outcomes = channel.deliver(writes(500));
        assertThat(results(outcomes).stream().filter(r -> r == DELIVERED)).hasSize(300);
        assertThat(results(outcomes).stream().filter(r -> r == RETRY)).hasSize(200);
        assertThat(zd.findAll(putRequestedFor(urlPathEqualTo(UPDATE_MANY)))).hasSize(3);
        assertThat(zd.findAll(getRequestedFor(urlPathEqualTo(JOB_STATUSES)))).hasSize(1);
        assertThat(clock.instant()).as("the poll waited for the next minute").isAfterOrEqualTo(start.plusSeconds(60));
    }

    @Test
    void aTargetThatIsNoOrganizationIdIsRejected() {
        OutboundWrite bad = new OutboundWrite(1, "acme", "acme-corp", channel.fields(score(30, Band.RED)), clock.instant(), 1);
        assertThat(results(channel.deliver(List.of(bad)))).containsExactly(REJECTED);
        assertThat(zd.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void aFailingZendeskOpensTheCircuit() {
        zd.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("maintenance")));
        for (int i = 0; i < 5; i++) assertThat(results(channel.deliver(writes(1)))).containsExactly(RETRY);
        List<DeliveryOutcome> open = channel.deliver(writes(1));
        assertThat(open.get(0).error()).contains("circuit open");
        assertThat(open.get(0).retryAfter()).isEqualTo(Duration.ofSeconds(60));
        assertThat(zd.findAll(anyRequestedFor(anyUrl()))).hasSize(5);
    }

    @Test
    void withoutCredentialsTheSandboxRecordsOneUpdateManyPerHundredOrganizations() throws Exception {
        ZendeskConnection sandbox = new ZendeskConnection(ZendeskSettings.from(Settings.of(Map.of())), clock, clock::advance, io.csbridge.connectors.TestDatabase.budgets(clock));
        ZendeskChannel offline = new ZendeskChannel(sandbox);
        assertThat(offline.live()).isFalse();
        List<VendorCall> calls = offline.preview(writes(250));
        assertThat(calls).hasSize(3).allSatisfy(c -> {
            assertThat(c.method()).isEqualTo("PUT");
            assertThat(c.url()).endsWith("/api/v2/organizations/update_many.json");
        });
        assertThat(Json.MAPPER.readTree(calls.get(0).body()).get("organizations")).hasSize(100);
        assertThat(calls.get(0).body()).doesNotContain("tok3n");
    }

    @Test
    void theTargetIsTheAccountsZendeskOrganization() {
        assertThat(channel.target(AccountKeys.of(List.of(AccountKey.salesforce("001A"), AccountKey.zendesk("9001")))))
                .contains("9001");
    }

    @Test
    void partialBatchesLingerThreeSecondsByDefaultBecauseEachDeliveryPollsItsJobs() {
        assertThat(channel.name()).isEqualTo(ChannelNames.ZENDESK);
        assertThat(channel.defaultLinger()).contains(Duration.ofSeconds(3));
    }

    @Test
    void aThousandChangedAccountsCostTenUpdateManyCallsAndOneJobStatusPoll() {
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        List<OutboundWrite> all = writes(1000);
        for (int from = 0; from < all.size(); from += channel.maxBatch()) {
            outcomes.addAll(channel.deliver(all.subList(from, Math.min(all.size(), from + channel.maxBatch()))));
        }
        assertThat(outcomes).hasSize(1000).allMatch(o -> o.result() == DELIVERED);
        int updates = zd.findAll(putRequestedFor(urlPathEqualTo(UPDATE_MANY))).size();
        int polls = zd.findAll(getRequestedFor(urlPathEqualTo(JOB_STATUSES))).size();
        System.out.printf("Zendesk: %d update_many + %d job status polls for 1000 writes%n", updates, polls);
        assertThat(updates).isLessThanOrEqualTo(10);
        assertThat(updates + polls).isLessThanOrEqualTo(11);
    }
}
