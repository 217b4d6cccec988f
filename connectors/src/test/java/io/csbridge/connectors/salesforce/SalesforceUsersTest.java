package io.csbridge.connectors.salesforce;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.csbridge.domain.alerting.OwnerDirectory;
import io.csbridge.testing.MutableClock;
import io.csbridge.connectors.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Account owners named by Salesforce User Id, resolved to their e-mail through the REST API (WireMock, Feign). */
class SalesforceUsersTest {

    static final String JANE_ID = "005xx0000012345AAA";
    static final String JANE = "/services/data/v66.0/sobjects/User/" + JANE_ID;

    final WireMockServer sf = new WireMockServer(options().dynamicPort());
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    SalesforceUsers users;

    @BeforeEach
    void start() {
        sf.start();
        users = connect(Map.of("salesforce.client-id", "3MVG9-consumer", "salesforce.client-secret", "s3cret"));
        stubToken("00Dxx!first");
    }

    @AfterEach
    void stop() {
        sf.stop();
    }

    SalesforceUsers connect(Map<String, String> extra) {
        Map<String, String> config = new java.util.HashMap<>(extra);
        config.put("salesforce.login-url", sf.baseUrl());
        return new SalesforceUsers(new SalesforceOrg(SalesforceSettings.from(Settings.of(config)), clock, io.csbridge.connectors.TestDatabase.budgets(clock)));
    }

    void stubToken(String token) {
        sf.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"" + token + "\",\"instance_url\":\""
                + sf.baseUrl() + "\",\"token_type\":\"Bearer\",\"issued_at\":\"1772366400000\"}")));
    }

    static String user(String email) {
        return "{\"attributes\":{\"type\":\"User\",\"url\":\"" + JANE + "\"},\"Email\":\"" + email + "\",\"Id\":\"" + JANE_ID + "\"}";
    }

    @Test
    void anOwnerIdIsReadAsItsUsersEmailWithOnlyTheEmailFieldRequested() throws Exception {
        sf.stubFor(get(urlPathEqualTo(JANE)).willReturn(okJson(user("jane@acme.com"))));

        assertThat(users.emailOf(JANE_ID)).contains("jane@acme.com");
        assertThat(sf.findAll(getRequestedFor(urlEqualTo(JANE + "?fields=Email")))).singleElement()
                .satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer 00Dxx!first"));
    }

    @Test
    void onlySalesforceUserIdsAreTheDirectorysOwnersAndOthersCostNoCall() throws Exception {
        assertThat(users.knows("005xx0000012345")).isTrue();
        assertThat(users.knows(JANE_ID)).isTrue();
        assertThat(users.knows("001xx0000012345AAA")).as("an Account id").isFalse();
        assertThat(users.knows("jane@acme.com")).isFalse();
        assertThat(users.knows("005/../../sobjects")).isFalse();
        assertThat(users.emailOf("jane@acme.com")).isEmpty();
        assertThat(sf.getAllServeEvents()).isEmpty();
    }

    @Test
    void aUserTheOrgDoesNotHaveIsNoAddressNotAnOutage() throws Exception {
        sf.stubFor(get(urlPathEqualTo(JANE)).willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                .withBody("[{\"errorCode\":\"NOT_FOUND\",\"message\":\"The requested resource does not exist\"}]")));

        assertThat(users.emailOf(JANE_ID)).isEmpty();
    }

    @Test
    void anExpiredSessionIsMintedAgainOnceAndTheReadRepeated() throws Exception {
        sf.stubFor(get(urlPathEqualTo(JANE)).inScenario("session").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("[{\"errorCode\":\"INVALID_SESSION_ID\",\"message\":\"Session expired or invalid\"}]"))
                .willSetStateTo("expired"));
        sf.stubFor(get(urlPathEqualTo(JANE)).inScenario("session").whenScenarioStateIs("expired")
                .willReturn(okJson(user("jane@acme.com"))));

        assertThat(users.emailOf(JANE_ID)).contains("jane@acme.com");
        assertThat(sf.findAll(postRequestedFor(urlEqualTo("/services/oauth2/token")))).hasSize(2);
    }

    @Test
    void anOrgThatCannotAnswerSaysSoInsteadOfClaimingThereIsNoSuchUser() {
        sf.stubFor(get(urlPathEqualTo(JANE)).willReturn(aResponse().withStatus(503).withBody("down for maintenance")));

        assertThatThrownBy(() -> users.emailOf(JANE_ID)).isInstanceOf(OwnerDirectory.Unavailable.class)
                .hasMessageContaining("503");
    }

    @Test
    void usageIntoTheApiReserveStopsOwnerReadsToo() throws Exception {
        sf.stubFor(get(urlPathEqualTo(JANE)).willReturn(okJson(user("jane@acme.com"))
                .withHeader("Sforce-Limit-Info", "api-usage=80500/100000")));
        assertThat(users.emailOf(JANE_ID)).contains("jane@acme.com");

        assertThatThrownBy(() -> users.emailOf(JANE_ID)).isInstanceOf(OwnerDirectory.Unavailable.class)
                .hasMessageContaining("reserve");
        assertThat(sf.findAll(getRequestedFor(urlPathEqualTo(JANE)))).hasSize(1);
    }

    @Test
    void inSandboxModeNothingIsAskedAndTheAnswerIsUnavailable() {
        sf.resetAll();
        SalesforceUsers sandbox = new SalesforceUsers(new SalesforceOrg(SalesforceSettings.from(Settings.of(Map.of())), clock, io.csbridge.connectors.TestDatabase.budgets(clock)));

        assertThatThrownBy(() -> sandbox.emailOf(JANE_ID)).isInstanceOf(OwnerDirectory.Unavailable.class);
        assertThat(sf.getAllServeEvents()).isEmpty();
    }
}
