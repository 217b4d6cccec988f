package io.csbridge.connectors.salesforce;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.csbridge.backfill.VendorReader;
import io.csbridge.connectors.Settings;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.testing.MutableClock;
import io.csbridge.translation.salesforce.SalesforceFields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Salesforce reader against a WireMock org that answers as Salesforce documents: REST query pages
 * with {@code nextRecordsUrl}, a Bulk API 2.0 query job (states, CSV with quoted fields and line breaks,
 * {@code Sforce-Locator}), a 401 mid-read, {@code REQUEST_LIMIT_EXCEEDED}.
 */
class SalesforceReaderTest {

    static final String DATA = "/services/data/v66.0";
    static final Instant SINCE = Instant.parse("2025-01-01T00:00:00Z");

    final WireMockServer sf = new WireMockServer(options().dynamicPort());
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    final OwnerEmails owners = new OwnerEmails();
    final List<InboxEntry> read = new ArrayList<>();
    final List<String> positions = new ArrayList<>();
    final VendorReader.Pages pages = (entries, skipped, position) -> {
        read.addAll(entries);
        positions.add(position);
        return true;
    };

    @BeforeEach
    void start() {
        sf.start();
        sf.stubFor(post("/services/oauth2/token").willReturn(okJson(token("00Dxx!first"))));
        count("Opportunity", 0);
        count("User", 0);
    }

    @AfterEach
    void stop() {
        sf.stop();
    }

    SalesforceReader reader(Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("salesforce.client-id", "3MVG9-consumer",
                "salesforce.client-secret", "s3cret", "salesforce.login-url", sf.baseUrl(), "salesforce.bulk-poll-seconds", "0.01"));
        config.putAll(extra);
        Settings settings = Settings.of(config);
        return new SalesforceReader(new SalesforceOrg(SalesforceSettings.from(settings), clock, io.csbridge.connectors.TestDatabase.budgets(clock)), owners, SalesforceFields.defaults(),
                settings, clock, d -> Thread.sleep(d.toMillis()));
    }

    String token(String token) {
        return "{\"access_token\":\"" + token + "\",\"instance_url\":\"" + sf.baseUrl() + "\",\"token_type\":\"Bearer\"}";
    }

    void count(String object, int n) {
        sf.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", matching("SELECT COUNT\\(\\) FROM " + object + " .*"))
                .willReturn(okJson("{\"totalSize\":" + n + ",\"done\":true,\"records\":[]}")));
    }

    static String account(int i) {
        return "{\"attributes\":{\"type\":\"Account\",\"url\":\"" + DATA + "/sobjects/Account/001A" + i + "\"},\"Id\":\"001A" + i
                + "\",\"Name\":\"Customer " + i + "\",\"AnnualRevenue\":1.2E5,\"Website\":\"www.c" + i + ".com\","
                + "\"LastModifiedDate\":\"2026-01-0" + i + "T09:00:00.000+0000\",\"SystemModstamp\":\"2026-01-0" + i + "T09:00:00.000+0000\"}";
    }

    void restPages() {
        sf.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", matching("SELECT Id, .* FROM Account .*ORDER BY SystemModstamp"))
                .willReturn(okJson("{\"totalSize\":3,\"done\":false,\"nextRecordsUrl\":\"" + DATA + "/query/01gxx0000002-2000\",\"records\":["
                        + account(1) + "," + account(2) + "]}")));
        sf.stubFor(get(urlEqualTo(DATA + "/query/01gxx0000002-2000"))
                .willReturn(okJson("{\"totalSize\":3,\"done\":true,\"records\":[" + account(3) + "]}")));
    }

    @Test
    void restQueryPagesAreFollowedByNextRecordsUrlIntoTheWebhooksEntries() throws Exception {
        count("Account", 3);
        restPages();

        reader(Map.of()).read(SINCE, Optional.empty(), pages);

        assertThat(read).extracting(InboxEntry::dedupeKey).containsExactly("Account/001A1/2026-01-01T09:00:00Z",
                "Account/001A2/2026-01-02T09:00:00Z", "Account/001A3/2026-01-03T09:00:00Z");
        assertThat(read.get(0).signals().get(0).kind()).isEqualTo(SignalKind.ACCOUNT_TRAITS);
        assertThat(read.get(0).signals().get(0).attributes()).containsEntry("arr", "120000").containsEntry("domain", "c1.com");
        assertThat(positions).containsExactly("{\"Account\":\">=2026-01-02T09:00:00.000Z\"}", "{\"Account\":\">2026-01-03T09:00:00.000Z\"}");
        assertThat(sf.findAll(getRequestedFor(urlPathEqualTo(DATA + "/query")).withHeader("Sforce-Query-Options",
                containing("batchSize=2000")))).as("three counts and the first page").hasSize(4);
    }

    @Test
    void aReadResumesAfterItsCursorAndCostsOneCallPerObjectWhenNothingChanged() throws Exception {
        count("Account", 0);

        reader(Map.of()).read(SINCE, Optional.of("{\"Account\":\">2026-01-03T09:00:00.000Z\"}"), pages);

        assertThat(read).isEmpty();
        assertThat(sf.findAll(getRequestedFor(urlPathEqualTo(DATA + "/query")))).as("Account, Opportunity, User").hasSize(3)
                .anySatisfy(r -> assertThat(r.queryParameter("q").firstValue()).contains("SystemModstamp > 2026-01-03T09:00:00.000Z"));
    }

    @Test
    void aReadAboveTheBulkThresholdIsABulkQueryJobReadByLocator() throws Exception {
        count("Account", 3);
        String job = DATA + "/jobs/query/750xx000000001";
        sf.stubFor(post(DATA + "/jobs/query").withRequestBody(containing("\"operation\":\"query\""))
                .willReturn(okJson("{\"id\":\"750xx000000001\",\"operation\":\"query\",\"state\":\"UploadComplete\"}")));
        sf.stubFor(get(job).inScenario("job").whenScenarioStateIs(STARTED).willSetStateTo("done")
                .willReturn(okJson("{\"id\":\"750xx000000001\",\"state\":\"InProgress\"}")));
        sf.stubFor(get(job).inScenario("job").whenScenarioStateIs("done")
                .willReturn(okJson("{\"id\":\"750xx000000001\",\"state\":\"JobComplete\"}")));
        sf.stubFor(get(urlPathEqualTo(job + "/results")).withQueryParam("locator", matching(".*")).withQueryParam("locator", matching("MjAwMA"))
                .willReturn(aResponse().withHeader("Content-Type", "text/csv").withHeader("Sforce-Locator", "null")
                        .withHeader("Sforce-NumberOfRecords", "1")
                        .withBody("\"Id\",\"Name\",\"LastModifiedDate\",\"SystemModstamp\"\n\"001B3\",\"Third\",\"2026-01-03T09:00:00.000Z\",\"2026-01-03T09:00:00.000Z\"\n")));
        sf.stubFor(get(urlPathEqualTo(job + "/results")).atPriority(10)
                .willReturn(aResponse().withHeader("Content-Type", "text/csv").withHeader("Sforce-Locator", "MjAwMA")
                        .withHeader("Sforce-NumberOfRecords", "2")
                        .withBody("\"Id\",\"Name\",\"LastModifiedDate\",\"SystemModstamp\"\n"
                                + "\"001B1\",\"Acme, \"\"the\"\" one\nsecond line\",\"2026-01-01T09:00:00.000Z\",\"2026-01-01T09:00:00.000Z\"\n"
                                + "\"001B2\",\"\",\"2026-01-02T09:00:00.000Z\",\"2026-01-02T09:00:00.000Z\"\n")));

        reader(Map.of("salesforce.bulk-threshold", "2")).read(SINCE, Optional.empty(), pages);

        assertThat(read).extracting(InboxEntry::dedupeKey).containsExactly("Account/001B1/2026-01-01T09:00:00Z",
                "Account/001B2/2026-01-02T09:00:00Z", "Account/001B3/2026-01-03T09:00:00Z");
        assertThat(read.get(0).signals().get(0).attribute("name")).isEqualTo("Acme, \"the\" one\nsecond line");
        assertThat(read.get(1).signals().get(0).attribute("name")).as("an empty CSV field is null").isNull();
        assertThat(positions).last().isEqualTo("{\"Account\":\">2026-01-03T09:00:00.000Z\"}");
        assertThat(sf.findAll(getRequestedFor(urlPathEqualTo(DATA + "/query")))).as("only the counts").hasSize(3);
    }

    @Test
    void aSessionThatExpiresMidReadIsMintedAgainAndTheReadGoesOn() throws Exception {
        count("Account", 3);
        restPages();
        sf.stubFor(get(urlEqualTo(DATA + "/query/01gxx0000002-2000")).withHeader("Authorization", containing("00Dxx!first"))
                .willReturn(aResponse().withStatus(401).withBody("[{\"message\":\"Session expired or invalid\",\"errorCode\":\"INVALID_SESSION_ID\"}]")));
        sf.stubFor(post("/services/oauth2/token").inScenario("mint").whenScenarioStateIs(STARTED).willSetStateTo("minted")
                .willReturn(okJson(token("00Dxx!first"))));
        sf.stubFor(post("/services/oauth2/token").inScenario("mint").whenScenarioStateIs("minted")
                .willReturn(okJson(token("00Dxx!second"))));

        reader(Map.of()).read(SINCE, Optional.empty(), pages);

        assertThat(read).hasSize(3);
        assertThat(sf.findAll(getRequestedFor(urlEqualTo(DATA + "/query/01gxx0000002-2000")))).hasSize(2)
                .last().satisfies(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer 00Dxx!second"));
    }

    @Test
    void requestLimitExceededStopsTheReadKeepsItsPagesAndOpensTheCircuit() throws Exception {
        count("Account", 3);
        restPages();
        sf.stubFor(get(urlEqualTo(DATA + "/query/01gxx0000002-2000")).willReturn(aResponse().withStatus(403)
                .withBody("[{\"message\":\"TotalRequests Limit exceeded.\",\"errorCode\":\"REQUEST_LIMIT_EXCEEDED\"}]")));
        SalesforceReader reader = reader(Map.of());

        assertThatThrownBy(() -> reader.read(SINCE, Optional.empty(), pages)).isInstanceOf(VendorReader.Unavailable.class)
                .hasMessageContaining("REQUEST_LIMIT_EXCEEDED");
        assertThat(read).hasSize(2);
        assertThat(positions).containsExactly("{\"Account\":\">=2026-01-02T09:00:00.000Z\"}");
        int calls = sf.findAll(anyRequestedFor(anyUrl())).size();
        assertThatThrownBy(() -> reader.read(SINCE, Optional.of(positions.get(0)), pages)).hasMessageContaining("circuit open");
        assertThat(sf.findAll(anyRequestedFor(anyUrl()))).as("no call while the org's allowance is spent").hasSize(calls);
    }

    @Test
    void theOwnersEmailsAreReadSoAnAlertsOwnerLookupCostsNoCall() throws Exception {
        count("Account", 0);
        count("User", 1);
        sf.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", matching("SELECT Id, LastModifiedDate, SystemModstamp, Email FROM User "
                        + "WHERE Id IN \\(SELECT OwnerId FROM Account\\) AND SystemModstamp >= .*"))
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"User\"},\"Id\":\"005xx0000012345AAA\","
                        + "\"Email\":\"jane@acme.com\",\"LastModifiedDate\":\"2026-01-05T09:00:00.000+0000\",\"SystemModstamp\":\"2026-01-05T09:00:00.000+0000\"}]}")));
        SalesforceReader reader = reader(Map.of());

        reader.read(SINCE, Optional.empty(), pages);

        assertThat(read).as("a User is no signal").isEmpty();
        int calls = sf.findAll(anyRequestedFor(anyUrl())).size();
        SalesforceUsers users = new SalesforceUsers(new SalesforceOrg(SalesforceSettings.from(Settings.of(Map.of("salesforce.client-id", "c",
                "salesforce.client-secret", "s", "salesforce.login-url", sf.baseUrl()))), clock, io.csbridge.connectors.TestDatabase.budgets(clock)), owners);
        assertThat(users.emailOf("005xx0000012345AAA")).contains("jane@acme.com");
        assertThat(sf.findAll(anyRequestedFor(anyUrl()))).hasSize(calls);
    }
}
