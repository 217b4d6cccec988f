package io.csbridge.connectors.slack;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.csbridge.testing.MutableClock;
import io.csbridge.connectors.Settings;
import io.csbridge.connectors.TestDatabase;
import io.csbridge.connectors.salesforce.SalesforceOrg;
import io.csbridge.connectors.salesforce.SalesforceSettings;
import io.csbridge.connectors.salesforce.SalesforceUsers;
import io.csbridge.store.alerts.AlertThreadStore;
import io.csbridge.store.Database;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.store.alerts.SlackUserLookupStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.csbridge.connectors.slack.SlackChannelTest.POST;
import static io.csbridge.connectors.slack.SlackChannelTest.UPDATE;
import static io.csbridge.connectors.slack.SlackChannelTest.alert;
import static io.csbridge.connectors.slack.SlackChannelTest.form;
import static io.csbridge.outbox.DeliveryOutcome.Result.DELIVERED;
import static io.csbridge.outbox.DeliveryOutcome.Result.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Owners the CRM names by e-mail, mentioned through Slack's users.lookupByEmail (WireMock fake, real SDK),
 * with Slack's answers kept in a real database.
 */
class SlackOwnerMentionTest {

    static final String LOOKUP = "/api/users.lookupByEmail";
    static final String JANE = "{\"ok\":true,\"user\":{\"id\":\"W0JANE\",\"team_id\":\"T0ACME\",\"name\":\"jane\",\"deleted\":false,"
            + "\"real_name\":\"Jane Doe\",\"profile\":{\"email\":\"jane@acme.com\",\"real_name\":\"Jane Doe\"}}}";

    final WireMockServer slack = new WireMockServer(options().dynamicPort());
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    final Database db = TestDatabase.fresh();
    SlackChannel channel;

    @BeforeEach
    void start() {
        slack.start();
        channel = connect();
        slack.stubFor(post(POST).willReturn(okJson("{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\"1772366400.000100\"}")));
        slack.stubFor(post(UPDATE).willReturn(okJson("{\"ok\":true,\"channel\":\"C0ALERTS\",\"ts\":\"1772366400.000100\"}")));
        // a retry first looks for an earlier attempt's post (issue 12): none here
        slack.stubFor(post("/api/conversations.history").willReturn(okJson("{\"ok\":true,\"messages\":[]}")));
        slack.stubFor(post("/api/conversations.replies").willReturn(okJson("{\"ok\":true,\"messages\":[]}")));
    }

    @AfterEach
    void stop() {
        channel.close();
        slack.stop();
    }

    /** A channel as the server builds it, over this test's database (a second one is a restarted server). */
    SlackChannel connect() {
        return new SlackChannel(SlackSettings.from(Settings.of(Map.of("slack.api-url", slack.baseUrl() + "/api/",
                "slack.bot-token", "xoxb-secret", "slack.alert-channel", "C0ALERTS", "slack.user-lookup-ttl-hours", "24"))),
                clock, clock::advance, new AlertThreadStore(db), new SlackUserLookupStore(db), io.csbridge.connectors.TestDatabase.budgets(clock));
    }

    static Map<String, Object> ownedBy(String owner, String id, String dedupeKey) {
        Map<String, Object> f = alert(id, null);
        f.put("owner", owner);
        f.put("dedupeKey", dedupeKey);
        return f;
    }

    static OutboundWrite attempt(int attempt, long id, Map<String, Object> fields) {
        return new OutboundWrite(id, "acme", "slack", fields, Instant.parse("2026-03-01T12:00:00Z"), attempt);
    }

    List<LoggedRequest> lookups() {
        return slack.findAll(postRequestedFor(urlEqualTo(LOOKUP)));
    }

    List<LoggedRequest> posts() {
        return slack.findAll(postRequestedFor(urlEqualTo(POST)));
    }

    @Test
    void anOwnerNamedByEmailIsLookedUpAndMentioned() {
        slack.stubFor(post(LOOKUP).willReturn(okJson(JANE)));
        assertThat(channel.deliver(List.of(attempt(1, 1, ownedBy("jane@acme.com", "a-1", "entered-red:acme")))))
                .extracting(DeliveryOutcome::result).containsExactly(DELIVERED);

        assertThat(lookups()).singleElement().satisfies(r -> {
            assertThat(form(r)).containsEntry("email", "jane@acme.com");
            assertThat(r.getHeader("Authorization")).isEqualTo("Bearer xoxb-secret");
        });
        assertThat(form(posts().get(0)).get("blocks")).contains("<@W0JANE>").doesNotContain("jane@acme.com");
    }

    @Test
    void aBurstOfAlertsForOneOwnerAsksSlackOnceEvenAcrossARestart() {
        slack.stubFor(post(LOOKUP).willReturn(okJson(JANE)));
        channel.deliver(List.of(attempt(1, 1, ownedBy("jane@acme.com", "a-1", "entered-red:acme")),
                attempt(1, 2, ownedBy("Jane@Acme.com", "a-2", "entered-red:globex"))));
        channel.close();
        channel = connect();
        clock.advance(Duration.ofHours(23));
        channel.deliver(List.of(attempt(1, 3, ownedBy("jane@acme.com", "a-3", "entered-red:initech"))));

        assertThat(lookups()).hasSize(1);
        assertThat(posts()).hasSize(3).allSatisfy(p -> assertThat(form(p).get("blocks")).contains("<@W0JANE>"));
    }

    @Test
    void anAddressSlackDoesNotKnowIsNamedInPlainTextAndNotAskedAgainWithinTheTtl() {
        slack.stubFor(post(LOOKUP).willReturn(okJson("{\"ok\":false,\"error\":\"users_not_found\"}")));
        assertThat(channel.deliver(List.of(attempt(1, 1, ownedBy("ex-csm@acme.com", "a-1", "entered-red:acme")))))
                .extracting(DeliveryOutcome::result).containsExactly(DELIVERED);
        clock.advance(Duration.ofHours(12));
        assertThat(channel.deliver(List.of(attempt(1, 2, ownedBy("ex-csm@acme.com", "a-2", "entered-red:globex")))))
                .extracting(DeliveryOutcome::result).containsExactly(DELIVERED);

        assertThat(lookups()).hasSize(1);
        assertThat(posts()).hasSize(2).allSatisfy(p -> assertThat(form(p).get("blocks"))
                .contains("Owner: ex-csm@acme.com").doesNotContain("<@"));

        // Past the TTL Slack is asked again: the person may have joined the workspace since.
        clock.advance(Duration.ofHours(13));
        slack.stubFor(post(LOOKUP).willReturn(okJson(JANE)));
        channel.deliver(List.of(attempt(1, 3, ownedBy("ex-csm@acme.com", "a-3", "entered-red:initech"))));
        assertThat(lookups()).hasSize(2);
        assertThat(form(posts().get(2)).get("blocks")).contains("<@W0JANE>");
    }

    @Test
    void aDeactivatedSlackUserIsNamedNotMentioned() {
        slack.stubFor(post(LOOKUP).willReturn(okJson(JANE.replace("\"deleted\":false", "\"deleted\":true"))));
        channel.deliver(List.of(attempt(1, 1, ownedBy("jane@acme.com", "a-1", "entered-red:acme"))));
        assertThat(form(posts().get(0)).get("blocks")).contains("Owner: jane@acme.com").doesNotContain("<@W0JANE>");
    }

    @Test
    void anOwnerAlreadyGivenAsASlackUserOrNotAnAddressIsNeverLookedUp() {
        // alerting.owner-slack-ids turned the CRM's owner into a Slack id when the alert fired: that mapping wins
        channel.deliver(List.of(attempt(1, 1, ownedBy("U0MAPPED", "a-1", "entered-red:acme")),
                attempt(1, 2, ownedBy("005xx0000012345", "a-2", "entered-red:globex"))));
        assertThat(lookups()).isEmpty();
        assertThat(form(posts().get(0)).get("blocks")).contains("<@U0MAPPED>");
        assertThat(form(posts().get(1)).get("blocks")).contains("Owner: 005xx0000012345");
    }

    @Test
    void aRateLimitedLookupHoldsTheFirstAttemptForRetryAfterAndAsksSlackNothingMeanwhile() {
        slack.stubFor(post(LOOKUP).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "20")
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
        List<DeliveryOutcome> first = channel.deliver(List.of(attempt(1, 1, ownedBy("jane@acme.com", "a-1", "entered-red:acme")),
                attempt(1, 2, ownedBy("U0MAPPED", "a-2", "entered-red:globex"))));
        assertThat(first).extracting(DeliveryOutcome::result).containsExactly(RETRY, DELIVERED);
        assertThat(first.get(0).retryAfter()).isEqualTo(Duration.ofSeconds(20));

        clock.advance(Duration.ofSeconds(5));
        List<DeliveryOutcome> meanwhile = channel.deliver(List.of(attempt(1, 3, ownedBy("joe@acme.com", "a-3", "entered-red:initech"))));
        assertThat(meanwhile).singleElement().satisfies(o -> {
            assertThat(o.result()).isEqualTo(RETRY);
            assertThat(o.retryAfter()).isEqualTo(Duration.ofSeconds(15));
        });
        assertThat(lookups()).hasSize(1);
        assertThat(posts()).hasSize(1); // only the alert whose owner needed no lookup

        // Once Slack's wait is over the held alert goes out with its mention.
        clock.advance(Duration.ofSeconds(15));
        slack.stubFor(post(LOOKUP).willReturn(okJson(JANE)));
        assertThat(channel.deliver(List.of(attempt(2, 1, ownedBy("jane@acme.com", "a-1", "entered-red:acme")))))
                .extracting(DeliveryOutcome::result).containsExactly(DELIVERED);
        assertThat(lookups()).hasSize(2);
        assertThat(form(posts().get(1)).get("blocks")).contains("<@W0JANE>");
    }

    @Test
    void aRetriedAlertIsNotHeldAgainByTheLookupPauseAndGoesOutWithTheOwnerNamed() {
        slack.stubFor(post(LOOKUP).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":false,\"error\":\"ratelimited\"}")));
        channel.deliver(List.of(attempt(1, 1, ownedBy("jane@acme.com", "a-1", "entered-red:acme"))));
        clock.advance(Duration.ofSeconds(10)); // the outbox retried it for another reason, or Slack still asks to wait
        assertThat(channel.deliver(List.of(attempt(2, 1, ownedBy("jane@acme.com", "a-1", "entered-red:acme")))))
                .extracting(DeliveryOutcome::result).containsExactly(DELIVERED);
        assertThat(lookups()).hasSize(1);
        assertThat(form(posts().get(0)).get("blocks")).contains("Owner: jane@acme.com").doesNotContain("<@");
    }

    @Test
    void theUpdateAfterAPressMentionsTheOwnerAsThePostedAlertDid() {
        slack.stubFor(post(LOOKUP).willReturn(okJson(JANE)));
        channel.deliver(List.of(attempt(1, 1, ownedBy("jane@acme.com", "a-1", "entered-red:acme"))));
        Map<String, Object> press = new LinkedHashMap<>(Map.of("type", "action", "channel", "C0ALERTS",
                "ts", "1772366400.000100", "action", "cs_ack", "user", "U0CSM", "at", "2026-03-01T12:05:00Z",
                "alert", ownedBy("jane@acme.com", "a-1", "entered-red:acme")));
        assertThat(channel.deliver(List.of(attempt(1, 2, press)))).extracting(DeliveryOutcome::result).containsExactly(DELIVERED);

        assertThat(form(slack.findAll(postRequestedFor(urlEqualTo(UPDATE))).get(0)).get("blocks"))
                .contains("<@W0JANE>").contains("Acknowledged by <@U0CSM>");
        assertThat(lookups()).hasSize(1);
    }

    @Test
    void aMissingScopeNamesOwnersSaysWhichScopeInTheLogAndNeverLogsTheToken() {
        slack.stubFor(post(LOOKUP).willReturn(okJson("{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"users:read.email\","
                + "\"provided\":\"chat:write,commands\"}")));
        List<String> logged = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(SlackOwners.class.getName());
        log.addHandler(handler);
        try {
            assertThat(channel.deliver(List.of(attempt(1, 1, ownedBy("jane@acme.com", "a-1", "entered-red:acme")),
                    attempt(1, 2, ownedBy("joe@acme.com", "a-2", "entered-red:globex")))))
                    .extracting(DeliveryOutcome::result).containsExactly(DELIVERED, DELIVERED);
        } finally {
            log.removeHandler(handler);
        }
        assertThat(lookups()).hasSize(1); // not asked again for every alert while the scope is missing
        assertThat(form(posts().get(1)).get("blocks")).contains("Owner: joe@acme.com");
        assertThat(logged).anySatisfy(m -> assertThat(m).contains("missing_scope").contains("users:read.email"));
        assertThat(String.join("\n", logged)).doesNotContain("xoxb");
    }
    // Owners as Salesforce names them (OwnerId 005...): the User's e-mail from a Salesforce fake, then Slack.

    static final String OWNER_ID = "005xx0000012345AAA";
    static final String OWNER_READ = "/services/data/v66.0/sobjects/User/" + OWNER_ID;

    WireMockServer salesforce() {
        WireMockServer sf = new WireMockServer(options().dynamicPort());
        sf.start();
        sf.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00Dxx!tok\",\"instance_url\":\""
                + sf.baseUrl() + "\",\"token_type\":\"Bearer\"}")));
        return sf;
    }

    SlackChannel connectWithSalesforce(WireMockServer sf) {
        SalesforceUsers users = new SalesforceUsers(new SalesforceOrg(SalesforceSettings.from(Settings.of(Map.of(
                "salesforce.login-url", sf.baseUrl(), "salesforce.client-id", "c", "salesforce.client-secret", "s"))), clock, io.csbridge.connectors.TestDatabase.budgets(clock)));
        return new SlackChannel(SlackSettings.from(Settings.of(Map.of("slack.api-url", slack.baseUrl() + "/api/",
                "slack.bot-token", "xoxb-secret", "slack.alert-channel", "C0ALERTS", "slack.user-lookup-ttl-hours", "24"))),
                clock, clock::advance, new AlertThreadStore(db), new SlackUserLookupStore(db), users, io.csbridge.connectors.TestDatabase.budgets(clock));
    }

    @Test
    void anOwnerNamedBySalesforceUserIdIsMentionedThroughThatUsersEmail() {
        WireMockServer sf = salesforce();
        try {
            sf.stubFor(get(urlPathEqualTo(OWNER_READ)).willReturn(okJson("{\"Email\":\"jane@acme.com\",\"Id\":\"" + OWNER_ID + "\"}")));
            slack.stubFor(post(LOOKUP).willReturn(okJson(JANE)));
            channel.close();
            channel = connectWithSalesforce(sf);

            assertThat(channel.deliver(List.of(attempt(1, 1, ownedBy(OWNER_ID, "a-1", "entered-red:acme")))))
                    .extracting(DeliveryOutcome::result).containsExactly(DELIVERED);

            assertThat(form(lookups().get(0))).containsEntry("email", "jane@acme.com");
            assertThat(form(posts().get(0)).get("blocks")).contains("<@W0JANE>").doesNotContain(OWNER_ID);
        } finally {
            sf.stop();
        }
    }

    @Test
    void aBurstOfAlertsForOneSalesforceOwnerCostsOneUserReadAndOneLookupEvenAcrossARestart() {
        WireMockServer sf = salesforce();
        try {
            sf.stubFor(get(urlPathEqualTo(OWNER_READ)).willReturn(okJson("{\"Email\":\"jane@acme.com\"}")));
            slack.stubFor(post(LOOKUP).willReturn(okJson(JANE)));
            channel.close();
            channel = connectWithSalesforce(sf);
            channel.deliver(List.of(attempt(1, 1, ownedBy(OWNER_ID, "a-1", "entered-red:acme")),
                    attempt(1, 2, ownedBy(OWNER_ID, "a-2", "entered-red:globex"))));
            channel.close();
            channel = connectWithSalesforce(sf);
            clock.advance(Duration.ofHours(23));
            channel.deliver(List.of(attempt(1, 3, ownedBy(OWNER_ID, "a-3", "entered-red:initech"))));

            assertThat(sf.findAll(getRequestedFor(urlPathEqualTo(OWNER_READ)))).hasSize(1);
            assertThat(lookups()).hasSize(1);
            assertThat(posts()).hasSize(3).allSatisfy(p -> assertThat(form(p).get("blocks")).contains("<@W0JANE>"));
        } finally {
            sf.stop();
        }
    }

    @Test
    void whileSalesforceCannotAnswerTheOwnerIsNamedAndAskedAgainOnTheNextAlert() {
        WireMockServer sf = salesforce();
        try {
            sf.stubFor(get(urlPathEqualTo(OWNER_READ)).willReturn(aResponse().withStatus(503)));
            channel.close();
            channel = connectWithSalesforce(sf);
            assertThat(channel.deliver(List.of(attempt(1, 1, ownedBy(OWNER_ID, "a-1", "entered-red:acme")))))
                    .extracting(DeliveryOutcome::result).containsExactly(DELIVERED);
            assertThat(form(posts().get(0)).get("blocks")).contains("Owner: " + OWNER_ID);
            assertThat(lookups()).isEmpty();

            sf.stubFor(get(urlPathEqualTo(OWNER_READ)).willReturn(okJson("{\"Email\":\"jane@acme.com\"}")));
            slack.stubFor(post(LOOKUP).willReturn(okJson(JANE)));
            channel.deliver(List.of(attempt(1, 2, ownedBy(OWNER_ID, "a-2", "entered-red:globex"))));
            assertThat(form(posts().get(1)).get("blocks")).contains("<@W0JANE>");
        } finally {
            sf.stop();
        }
    }

    @Test
    void aSalesforceUserWhoseAddressSlackDoesNotKnowIsNamedAndNeitherIsAskedAgainWithinTheTtl() {
        WireMockServer sf = salesforce();
        try {
            sf.stubFor(get(urlPathEqualTo(OWNER_READ)).willReturn(okJson("{\"Email\":\"contractor@partner.example\"}")));
            slack.stubFor(post(LOOKUP).willReturn(okJson("{\"ok\":false,\"error\":\"users_not_found\"}")));
            channel.close();
            channel = connectWithSalesforce(sf);
            channel.deliver(List.of(attempt(1, 1, ownedBy(OWNER_ID, "a-1", "entered-red:acme"))));
            clock.advance(Duration.ofHours(1));
            channel.deliver(List.of(attempt(1, 2, ownedBy(OWNER_ID, "a-2", "entered-red:globex"))));

            assertThat(sf.findAll(getRequestedFor(urlPathEqualTo(OWNER_READ)))).hasSize(1);
            assertThat(lookups()).hasSize(1);
            assertThat(posts()).allSatisfy(p -> assertThat(form(p).get("blocks")).doesNotContain("<@"));
        } finally {
            sf.stop();
        }
    }

    @Test
    void salesforceIdsThatDifferOnlyInCaseAreKeptApart() {
        assertThat(SlackOwners.crmUserKey("005xx0000012345")).isNotEqualToIgnoringCase(SlackOwners.crmUserKey("005XX0000012345"));
        assertThat(SlackOwners.crmUserKey("005xx0000012345")).isEqualTo(SlackOwners.crmUserKey("005xx0000012345"));
    }
}
