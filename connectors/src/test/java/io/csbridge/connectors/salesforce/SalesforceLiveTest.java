package io.csbridge.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.csbridge.testing.MutableClock;
import io.csbridge.connectors.Settings;
import io.csbridge.domain.score.Band;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.json.Json;
import io.csbridge.alerts.OperatorNotice;
import io.csbridge.outbox.OutboundWrite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.csbridge.outbox.DeliveryOutcome.Result.DELIVERED;
import static io.csbridge.outbox.DeliveryOutcome.Result.REJECTED;
import static io.csbridge.outbox.DeliveryOutcome.Result.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

/** Salesforce as its REST API documents itself, faked by WireMock and driven through Feign. */
@SuppressWarnings("unchecked")
class SalesforceLiveTest {

    static final String TOKEN_PATH = "/services/oauth2/token";
    static final String COLLECTIONS = "/services/data/v66.0/composite/sobjects";
    static final String TASK_UPSERT = COLLECTIONS + "/Task/CS_Bridge_Key__c";

    final WireMockServer sf = new WireMockServer(options().dynamicPort());
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    SalesforceOrg org;
    final List<OperatorNotice> notices = new ArrayList<>();
    SalesforceChannel channel;

    @BeforeEach
    void start() {
        sf.start();
        connect(Map.of("salesforce.client-id", "3MVG9-consumer", "salesforce.client-secret", "s3cret"));
        stubToken("00Dxx!first");
    }

    @AfterEach
    void stop() {
        sf.stop();
    }

    void connect(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(extra);
        config.put("salesforce.login-url", sf.baseUrl());
        org = new SalesforceOrg(SalesforceSettings.from(Settings.of(config)), clock, notices::add, io.csbridge.connectors.TestDatabase.budgets(clock));
        channel = new SalesforceChannel(org);
    }

    void stubToken(String token) {
        sf.stubFor(post(TOKEN_PATH).willReturn(okJson("{\"access_token\":\"" + token + "\",\"instance_url\":\""
                + sf.baseUrl() + "\",\"id\":\"" + sf.baseUrl() + "/id/00Dxx/005xx\",\"token_type\":\"Bearer\","
                + "\"issued_at\":\"1772366400000\",\"signature\":\"c2ln\"}")));
    }

    static String saveResults(int n) {
        List<String> results = new ArrayList<>();
        for (int i = 0; i < n; i++) results.add("{\"id\":\"001" + i + "\",\"success\":true,\"errors\":[]}");
        return "[" + String.join(",", results) + "]";
    }

    List<OutboundWrite> writes(int n) {
        List<OutboundWrite> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new OutboundWrite(i + 1, "acct-" + i, "001" + i,
                    channel.fields(SalesforceSandboxTest.score(40 + i % 50, Band.YELLOW, -3)), clock.instant(), 1));
        }
        return out;
    }

    static List<DeliveryOutcome.Result> results(List<DeliveryOutcome> outcomes) {
        return outcomes.stream().map(DeliveryOutcome::result).toList();
    }

    @Test
    void clientCredentialsTokenIsMintedOnceAndItsInstanceUrlUsedForEveryWrite() throws Exception {
        sf.stubFor(patch(COLLECTIONS).willReturn(okJson(saveResults(2))
                .withHeader("Sforce-Limit-Info", "api-usage=120/100000")));
        assertThat(results(channel.deliver(writes(2)))).containsExactly(DELIVERED, DELIVERED);
        assertThat(results(channel.deliver(writes(2)))).containsExactly(DELIVERED, DELIVERED);

        List<LoggedRequest> tokens = sf.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)));
        assertThat(tokens).hasSize(1);
        assertThat(form(tokens.get(0).getBodyAsString())).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_id", "3MVG9-consumer").containsEntry("client_secret", "s3cret");
        List<LoggedRequest> writes = sf.findAll(patchRequestedFor(urlEqualTo(COLLECTIONS)));
        assertThat(writes).hasSize(2);
        assertThat(writes.get(0).getHeader("Authorization")).isEqualTo("Bearer 00Dxx!first");
        JsonNode body = Json.MAPPER.readTree(writes.get(0).getBodyAsString());
        assertThat(body.get("allOrNone").asBoolean()).isFalse();
        assertThat(body.get("records").get(1).get("id").asText()).isEqualTo("0011");
        assertThat(body.get("records").get(1).get("CS_Health_Band__c").asText()).isEqualTo("Yellow");
        assertThat(body.get("records").get(1).get("CS_Health_As_Of__c").asText()).isEqualTo("2026-03-01T12:00:00.000Z");
    }

    @Test
    void jwtBearerSendsAnRs256AssertionForTheConsumerKeyUserAndLoginHost() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        connect(Map.of("salesforce.client-id", "3MVG9-consumer", "salesforce.username", "integration@acme.com",
                "salesforce.private-key", pem));
        sf.stubFor(patch(COLLECTIONS).willReturn(okJson(saveResults(1))));

        assertThat(results(channel.deliver(writes(1)))).containsExactly(DELIVERED);

        Map<String, String> form = form(sf.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).get(0).getBodyAsString());
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")
                .doesNotContainKey("client_secret");
        String[] jwt = form.get("assertion").split("\\.");
        assertThat(new String(Base64.getUrlDecoder().decode(jwt[0]), StandardCharsets.UTF_8)).contains("RS256");
        JsonNode claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt[1]));
        assertThat(claims.get("iss").asText()).isEqualTo("3MVG9-consumer");
        assertThat(claims.get("sub").asText()).isEqualTo("integration@acme.com");
        assertThat(claims.get("aud").asText()).isEqualTo(sf.baseUrl());
        assertThat(claims.get("exp").asLong()).isGreaterThan(clock.instant().getEpochSecond());
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(keys.getPublic());
        verify.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(verify.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
    }

    @Test
    void aRecordTheOrgRefusesIsRejectedAloneAndALockedRowRetriedWhileTheOthersAreDelivered() {
        sf.stubFor(patch(COLLECTIONS).willReturn(okJson("["
                + "{\"id\":\"0010\",\"success\":true,\"errors\":[]},"
                + "{\"success\":false,\"errors\":[{\"statusCode\":\"ENTITY_IS_DELETED\",\"message\":\"entity is deleted\",\"fields\":[]}]},"
                + "{\"success\":false,\"errors\":[{\"statusCode\":\"UNABLE_TO_LOCK_ROW\",\"message\":\"unable to obtain exclusive access\",\"fields\":[]}]},"
                + "{\"id\":\"0013\",\"success\":true,\"errors\":[]}]")));

        List<DeliveryOutcome> outcomes = channel.deliver(writes(4));

        assertThat(results(outcomes)).containsExactly(DELIVERED, REJECTED, RETRY, DELIVERED);
        assertThat(outcomes.get(1).error()).contains("ENTITY_IS_DELETED");
    }

    @Test
    void anExpiredSessionIsReMintedOnceAndTheWriteGoesThrough() {
        sf.stubFor(patch(COLLECTIONS).inScenario("session").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]"))
                .willSetStateTo("expired"));
        sf.stubFor(patch(COLLECTIONS).inScenario("session").whenScenarioStateIs("expired")
                .withHeader("Authorization", equalTo("Bearer 00Dxx!second"))
                .willReturn(okJson(saveResults(1))));
        channel.deliver(List.of());
        assertThat(sf.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).as("no write, no token").isEmpty();
        sf.stubFor(post(TOKEN_PATH).inScenario("session").whenScenarioStateIs("expired")
                .willReturn(okJson("{\"access_token\":\"00Dxx!second\",\"instance_url\":\"" + sf.baseUrl() + "\"}")));

        assertThat(results(channel.deliver(writes(1)))).containsExactly(DELIVERED);
        assertThat(sf.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH)))).hasSize(2);
        assertThat(sf.findAll(patchRequestedFor(urlEqualTo(COLLECTIONS)))).hasSize(2);
    }

    @Test
    void aSessionStillRefusedAfterReMintingIsRetriedLaterNotLooped() {
        sf.stubFor(patch(COLLECTIONS).willReturn(aResponse().withStatus(401)
                .withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
        assertThat(results(channel.deliver(writes(1)))).containsExactly(RETRY);
        assertThat(sf.findAll(patchRequestedFor(urlEqualTo(COLLECTIONS)))).hasSize(2);
    }

    @Test
    void requestLimitExceededBacksOffForMinutesWithoutCallingAgain() {
        sf.stubFor(patch(COLLECTIONS).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));

        List<DeliveryOutcome> first = channel.deliver(writes(3));
        assertThat(results(first)).containsOnly(RETRY);
        assertThat(first.get(0).retryAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(first.get(0).error()).contains("REQUEST_LIMIT_EXCEEDED");

        clock.advance(Duration.ofMinutes(5));
        List<DeliveryOutcome> second = channel.deliver(writes(3));
        assertThat(results(second)).containsOnly(RETRY);
        assertThat(second.get(0).retryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(sf.findAll(patchRequestedFor(urlEqualTo(COLLECTIONS)))).hasSize(1);
    }

    @Test
    void usageIntoTheReserveDefersWritesUntilTheUsageIsReadAgain() {
        sf.stubFor(patch(COLLECTIONS).willReturn(okJson(saveResults(2))
                .withHeader("Sforce-Limit-Info", "api-usage=80500/100000")));

        assertThat(results(channel.deliver(writes(2)))).containsExactly(DELIVERED, DELIVERED);
        List<DeliveryOutcome> deferred = channel.deliver(writes(2));
        assertThat(results(deferred)).containsOnly(RETRY);
        assertThat(deferred.get(0).error()).contains("budget").contains("80500/100000");
        assertThat(deferred.get(0).retryAfter()).isPositive();
        assertThat(sf.findAll(patchRequestedFor(urlEqualTo(COLLECTIONS)))).hasSize(1);

        sf.stubFor(patch(COLLECTIONS).willReturn(okJson(saveResults(2))
                .withHeader("Sforce-Limit-Info", "api-usage=60000/100000")));
        clock.advance(Duration.ofMinutes(16));
        assertThat(results(channel.deliver(writes(2)))).containsExactly(DELIVERED, DELIVERED);
        assertThat(results(channel.deliver(writes(2)))).containsExactly(DELIVERED, DELIVERED);
    }

    @Test
    void reachingTheReserveTellsTheOperatorOnceWithUsageAndUntilWhenWritesWait() {
        sf.stubFor(patch(COLLECTIONS).willReturn(okJson(saveResults(2))
                .withHeader("Sforce-Limit-Info", "api-usage=60000/100000")));
        channel.deliver(writes(2));
        assertThat(notices).isEmpty();

        sf.stubFor(patch(COLLECTIONS).willReturn(okJson(saveResults(2))
                .withHeader("Sforce-Limit-Info", "api-usage=80500/100000")));
        channel.deliver(writes(2));
        clock.advance(Duration.ofMinutes(16));
        channel.deliver(writes(2)); // the re-check: still in the reserve, already told

        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(OperatorNotice.SALESFORCE_API_RESERVE);
            assertThat(n.values()).containsEntry("used", 80500L).containsEntry("limit", 100000L).containsEntry("share", 80)
                    .containsEntry("until", "2026-03-01T12:15:00Z");
            assertThat(n.values().toString()).doesNotContain("s3cret").doesNotContain("00Dxx");
        });
    }

    @Test
    void anExhaustedOrgAllowanceTellsTheOperator() {
        sf.stubFor(patch(COLLECTIONS).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));
        channel.deliver(writes(1));

        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(OperatorNotice.SALESFORCE_REQUEST_LIMIT);
            assertThat(n.values()).containsKey("until");
        });
    }

    @Test
    void theOperatorStatusShowsApiUsageTheReserveTheDeferralAndTheLastSuccessButNoSecret() {
        assertThat(channel.status()).containsEntry("mode", "live").containsEntry("flow", "client-credentials");
        sf.stubFor(patch(COLLECTIONS).willReturn(okJson(saveResults(2))
                .withHeader("Sforce-Limit-Info", "api-usage=80500/100000")));
        channel.deliver(writes(2));

        Map<String, Object> status = channel.status();
        assertThat(status).containsEntry("lastSuccessAt", "2026-03-01T12:00:00Z");
        assertThat((Map<String, Object>) status.get("apiUsage")).containsEntry("used", 80500L).containsEntry("limit", 100000L)
                .containsEntry("reservePercent", 20).containsEntry("deferredUntil", "2026-03-01T12:15:00Z");
        assertThat((Map<String, Object>) status.get("circuit")).containsEntry("state", "CLOSED");
        assertThat(status.toString()).doesNotContain("s3cret").doesNotContain("00Dxx!first").doesNotContain("3MVG9");
        assertThat(new SalesforceTaskChannel(org).status()).isEqualTo(status);
    }

    @Test
    void theReserveIsConfigurable() {
        connect(Map.of("salesforce.client-id", "c", "salesforce.client-secret", "s", "salesforce.api-reserve-percent", "5"));
        sf.stubFor(patch(COLLECTIONS).willReturn(okJson(saveResults(1))
                .withHeader("Sforce-Limit-Info", "api-usage=90000/100000")));
        assertThat(results(channel.deliver(writes(1)))).containsExactly(DELIVERED);
        assertThat(results(channel.deliver(writes(1)))).containsExactly(DELIVERED);
    }

    @Test
    void aFailingOrgOpensTheCircuitAndWritesWaitForTheRemainingOpenTime() {
        sf.stubFor(patch(COLLECTIONS).willReturn(aResponse().withStatus(503).withBody("down for maintenance")));
        for (int i = 0; i < 5; i++) assertThat(results(channel.deliver(writes(1)))).containsExactly(RETRY);
        clock.advance(Duration.ofSeconds(10));

        List<DeliveryOutcome> open = channel.deliver(writes(2));

        assertThat(results(open)).containsOnly(RETRY);
        assertThat(open.get(0).retryAfter()).isEqualTo(Duration.ofSeconds(50));
        assertThat(sf.findAll(patchRequestedFor(urlEqualTo(COLLECTIONS)))).hasSize(5);
        sf.stubFor(patch(COLLECTIONS).willReturn(okJson(saveResults(2))));
        clock.advance(Duration.ofSeconds(51));
        assertThat(results(channel.deliver(writes(2)))).containsOnly(DELIVERED);
    }

    @Test
    void aRequestTheOrgCannotAcceptIsRejectedWithItsError() {
        sf.stubFor(patch(COLLECTIONS).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"No such column 'CS_Health_Score__c' on sobject of type Account\","
                        + "\"errorCode\":\"INVALID_FIELD\"}]")));
        List<DeliveryOutcome> outcomes = channel.deliver(writes(2));
        assertThat(results(outcomes)).containsOnly(REJECTED);
        assertThat(outcomes.get(0).error()).contains("INVALID_FIELD").contains("No such column");
    }

    @Test
    void refusedCredentialsAreRetriedLaterAndTheSecretNeverAppearsInTheError() {
        sf.stubFor(post(TOKEN_PATH).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}")));
        List<DeliveryOutcome> outcomes = channel.deliver(writes(1));
        assertThat(results(outcomes)).containsExactly(RETRY);
        assertThat(outcomes.get(0).error()).contains("invalid_client").doesNotContain("s3cret");
    }

    @Test
    void aCsCreateTaskPressBecomesATaskOnTheAccountForItsOwner() throws Exception {
        sf.stubFor(patch(TASK_UPSERT).willReturn(okJson("[{\"id\":\"00T1\",\"success\":true,\"errors\":[],\"created\":true}]")));
        SalesforceTaskChannel tasks = new SalesforceTaskChannel(org);
        OutboundWrite task = new OutboundWrite(9, "acme", "001A",
                SalesforceTaskChannel.task("005Dn0000001OWNAAA", "Call Acme: entered Red", "Logins fell by half"), clock.instant(), 1);

        assertThat(results(tasks.deliver(List.of(task)))).containsExactly(DELIVERED);

        JsonNode record = Json.MAPPER.readTree(sf.findAll(patchRequestedFor(urlEqualTo(TASK_UPSERT))
                .withHeader("Authorization", containing("Bearer"))).get(0).getBodyAsString()).get("records").get(0);
        assertThat(record.get("attributes").get("type").asText()).isEqualTo("Task");
        assertThat(record.get("WhatId").asText()).isEqualTo("001A");
        assertThat(record.get("OwnerId").asText()).isEqualTo("005Dn0000001OWNAAA");
        assertThat(record.get("Subject").asText()).isEqualTo("Call Acme: entered Red");
        assertThat(record.get("Description").asText()).isEqualTo("Logins fell by half");
        assertThat(record.get("CS_Bridge_Key__c").asText()).isEqualTo("outbox-9");
    }

    @Test
    void aTaskForAnOwnerWhoIsNoSalesforceUserGoesToTheIntegrationUserRatherThanBeingRefused() throws Exception {
        sf.stubFor(patch(TASK_UPSERT).willReturn(okJson("[{\"id\":\"00T2\",\"success\":true,\"errors\":[],\"created\":true}]")));
        SalesforceTaskChannel tasks = new SalesforceTaskChannel(org);
        Map<String, Object> fields = new java.util.LinkedHashMap<>(SalesforceTaskChannel.task("jane@acme.example", "Call Acme", "x"));
        fields.put("alertId", "812");
        OutboundWrite task = new OutboundWrite(10, "acme", "001A", fields, clock.instant(), 1);

        assertThat(results(tasks.deliver(List.of(task)))).containsExactly(DELIVERED);

        JsonNode record = Json.MAPPER.readTree(sf.findAll(patchRequestedFor(urlEqualTo(TASK_UPSERT))).get(0).getBodyAsString())
                .get("records").get(0);
        assertThat(record.has("OwnerId")).isFalse();
        assertThat(record.has("alertId")).isFalse();
        assertThat(record.has("owner")).isFalse();
        assertThat(record.get("WhatId").asText()).isEqualTo("001A");
    }

    @Test
    void aThousandChangedAccountsCostAtMostFiveApiCalls() {
        sf.stubFor(patch(COLLECTIONS).willReturn(okJson(saveResults(200))));
        List<OutboundWrite> all = writes(1000);
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        // as the outbox hands them over: chunks of maxBatch()
        for (int from = 0; from < all.size(); from += channel.maxBatch()) {
            outcomes.addAll(channel.deliver(all.subList(from, Math.min(all.size(), from + channel.maxBatch()))));
        }
        assertThat(outcomes).hasSize(1000).allMatch(o -> o.result() == DELIVERED);
        int apiCalls = sf.findAll(patchRequestedFor(urlEqualTo(COLLECTIONS))).size();
        int tokenCalls = sf.findAll(postRequestedFor(urlEqualTo(TOKEN_PATH))).size();
        System.out.printf("Salesforce: %d API calls + %d token call for 1000 writes%n", apiCalls, tokenCalls);
        assertThat(apiCalls).isLessThanOrEqualTo(5);
        assertThat(tokenCalls).isEqualTo(1);
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
