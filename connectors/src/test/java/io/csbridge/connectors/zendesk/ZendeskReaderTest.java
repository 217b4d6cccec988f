package io.csbridge.connectors.zendesk;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.csbridge.backfill.VendorReader;
import io.csbridge.connectors.Settings;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Zendesk reader (MicroProfile Rest Client, RESTEasy's implementation as WildFly ships it) against a
 * WireMock Zendesk answering in the documented export formats: the cursor ticket export with
 * {@code end_of_stream}, the organization export repeating items at page edges, ratings with cursor
 * pagination, 429 with {@code Retry-After}, and never more than 10 export requests a minute.
 */
class ZendeskReaderTest {

    static final Instant SINCE = Instant.parse("2025-01-01T00:00:00Z");
    static final String TICKETS = "/api/v2/incremental/tickets/cursor.json";
    static final String ORGS = "/api/v2/incremental/organizations.json";
    static final String RATINGS = "/api/v2/satisfaction_ratings.json";

    final WireMockServer zd = new WireMockServer(options().dynamicPort());
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    final List<Duration> slept = new ArrayList<>();
    final List<InboxEntry> read = new ArrayList<>();
    final List<String> positions = new ArrayList<>();
    final VendorReader.Pages pages = (entries, skipped, position) -> {
        read.addAll(entries);
        positions.add(position);
        return true;
    };

    @BeforeEach
    void start() {
        zd.start();
        zd.stubFor(get(urlPathEqualTo(ORGS)).willReturn(okJson("{\"organizations\":[],\"end_time\":1767225600,\"end_of_stream\":true}")));
        zd.stubFor(get(urlPathEqualTo(RATINGS)).willReturn(okJson("{\"satisfaction_ratings\":[],\"meta\":{\"has_more\":false}}")));
    }

    @AfterEach
    void stop() {
        zd.stop();
    }

    ZendeskReader reader() {
        Map<String, String> config = new HashMap<>(Map.of("zendesk.url", zd.baseUrl(), "zendesk.email", "bot@acme.com",
                "zendesk.api-token", "tok3n"));
        return new ZendeskReader(Settings.of(config), clock, d -> {
            slept.add(d);
            clock.advance(d);
        });
    }

    static String ticket(int id, String status, String created, String updated, Integer org) {
        return "{\"id\":" + id + ",\"status\":\"" + status + "\",\"priority\":\"high\",\"tags\":[\"vip\",\"billing\"],"
                + "\"organization_id\":" + org + ",\"created_at\":\"" + created + "\",\"updated_at\":\"" + updated + "\"}";
    }

    static String org(int id, String updated) {
        return "{\"id\":" + id + ",\"name\":\"Org " + id + "\",\"external_id\":\"ext-" + id + "\",\"updated_at\":\"" + updated + "\"}";
    }

    @Test
    void theTicketExportIsFollowedByItsCursorUntilEndOfStreamAndKeyedAsTheTriggerKeysIt() throws Exception {
        zd.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("start_time", equalTo("1735689600")).withQueryParam("cursor", absent())
                .willReturn(okJson("{\"tickets\":[" + ticket(1, "new", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00Z", 9001) + ","
                        + ticket(2, "solved", "2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z", 9001)
                        + "],\"after_cursor\":\"c1\",\"after_url\":\"" + zd.baseUrl() + TICKETS + "?cursor=c1\",\"end_of_stream\":false}")));
        zd.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("cursor", equalTo("c1"))
                .willReturn(okJson("{\"tickets\":[" + ticket(3, "open", "2026-01-01T10:00:00Z", "2026-01-03T10:00:00Z", null)
                        + "],\"after_cursor\":\"c2\",\"end_of_stream\":true}")));

        reader().read(SINCE, Optional.empty(), pages);

        assertThat(read).extracting(InboxEntry::dedupeKey).containsExactly("ticket:1:2026-01-01T10:00:00Z:created",
                "ticket:2:2026-01-02T10:00:00Z:solved", "ticket:3:2026-01-03T10:00:00Z:updated");
        assertThat(read.get(0).signals()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SignalKind.TICKET_CREATED);
            assertThat(s.account().value()).isEqualTo("9001");
            assertThat(s.attributes()).containsEntry("tags", "vip billing").containsEntry("priority", "high");
        });
        assertThat(read.get(1).signals().get(0).kind()).isEqualTo(SignalKind.TICKET_SOLVED);
        assertThat(read.get(2).signals()).as("a ticket without organization or requester names no account").isEmpty();
        assertThat(positions).last().asString().contains("\"tickets\":\"c2\"");
        assertThat(zd.findAll(anyRequestedFor(urlPathEqualTo(TICKETS)))).allSatisfy(r ->
                assertThat(r.getHeader("Authorization")).isEqualTo("Basic Ym90QGFjbWUuY29tL3Rva2VuOnRvazNu"));
    }

    @Test
    void theExportClientIsClosedWithTheApplicationSoARedeployLeaksNoConnectionPool() throws Exception {
        zd.stubFor(get(urlPathEqualTo(TICKETS)).willReturn(okJson("{\"tickets\":[],\"end_of_stream\":true}")));
        ZendeskReader reader = reader();
        reader.read(SINCE, Optional.empty(), pages);
        reader.close();
        // A closed RESTEasy client refuses to send (its pool is gone); unclosed, a redeploy left it to the cleaner.
        assertThatThrownBy(() -> reader.read(SINCE, Optional.empty(), pages)).hasStackTraceContaining("closed");
    }

    @Test
    void organizationsRepeatedAtThePageEdgeCountOnce() throws Exception {
        zd.stubFor(get(urlPathEqualTo(ORGS)).withQueryParam("start_time", equalTo("1735689600"))
                .willReturn(okJson("{\"organizations\":[" + org(1, "2026-01-01T10:00:00Z") + "," + org(2, "2026-01-02T10:00:00Z")
                        + "],\"end_time\":1767348000,\"end_of_stream\":false}")));
        zd.stubFor(get(urlPathEqualTo(ORGS)).withQueryParam("start_time", equalTo("1767348000"))
                .willReturn(okJson("{\"organizations\":[" + org(2, "2026-01-02T10:00:00Z") + "," + org(3, "2026-01-03T10:00:00Z")
                        + "],\"end_time\":1767434400,\"end_of_stream\":true}")));
        zd.stubFor(get(urlPathEqualTo(TICKETS)).willReturn(okJson("{\"tickets\":[],\"after_cursor\":\"c0\",\"end_of_stream\":true}")));

        reader().read(SINCE, Optional.empty(), pages);

        assertThat(read).extracting(InboxEntry::dedupeKey).containsExactly("organization:1:2026-01-01T10:00:00Z",
                "organization:2:2026-01-02T10:00:00Z", "organization:3:2026-01-03T10:00:00Z");
        assertThat(read.get(0).signals().get(0).attributes()).containsEntry("name", "Org 1").containsEntry("zendeskExternalId", "ext-1");
    }

    @Test
    void ratingsArePagedByCursorAndJoinTheirTicketsOrganization() throws Exception {
        zd.stubFor(get(urlPathEqualTo(TICKETS)).willReturn(okJson("{\"tickets\":[" + ticket(5, "solved", "2026-01-01T10:00:00Z",
                "2026-01-04T10:00:00Z", 9005) + "],\"after_cursor\":\"c1\",\"end_of_stream\":true}")));
        zd.stubFor(get(urlPathEqualTo(RATINGS)).withQueryParam("page[after]", absent()).willReturn(okJson(
                "{\"satisfaction_ratings\":[{\"id\":71,\"ticket_id\":5,\"score\":\"good\",\"comment\":\"great\",\"updated_at\":\"2026-01-04T10:00:00Z\"}],"
                        + "\"meta\":{\"has_more\":true,\"after_cursor\":\"r1\"}}")));
        zd.stubFor(get(urlPathEqualTo(RATINGS)).withQueryParam("page[after]", equalTo("r1")).willReturn(okJson(
                "{\"satisfaction_ratings\":[{\"id\":72,\"ticket_id\":5,\"score\":\"offered\",\"updated_at\":\"2026-01-05T10:00:00Z\"}],"
                        + "\"meta\":{\"has_more\":false}}")));

        reader().read(SINCE, Optional.empty(), pages);

        assertThat(read).filteredOn(e -> e.dedupeKey().endsWith("satisfaction_rated")).extracting(InboxEntry::dedupeKey)
                .containsExactly("ticket:5:2026-01-04T10:00:00Z:satisfaction_rated", "ticket:5:2026-01-05T10:00:00Z:satisfaction_rated");
        InboxEntry good = read.stream().filter(e -> e.dedupeKey().endsWith("04T10:00:00Z:satisfaction_rated")).findFirst().orElseThrow();
        assertThat(good.signals()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(SignalKind.SATISFACTION_RATED);
            assertThat(s.value()).isEqualTo(1.0);
            assertThat(s.account().value()).isEqualTo("9005");
        });
        assertThat(positions).last().asString().contains("\"ratings\":1767607201");
    }

    @Test
    void a429IsWaitedOutForItsRetryAfterThenAskedAgain() throws Exception {
        zd.stubFor(get(urlPathEqualTo(ORGS)).inScenario("limit").whenScenarioStateIs(STARTED).willSetStateTo("ok")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        zd.stubFor(get(urlPathEqualTo(TICKETS)).willReturn(okJson("{\"tickets\":[],\"after_cursor\":\"c0\",\"end_of_stream\":true}")));

        reader().read(SINCE, Optional.empty(), pages);

        assertThat(slept).containsExactly(Duration.ofSeconds(7));
        assertThat(zd.findAll(anyRequestedFor(urlPathEqualTo(ORGS)))).hasSize(2);
    }

    @Test
    void neverMoreThanTenExportRequestsInAnyMinute() throws Exception {
        for (int i = 0; i < 24; i++) {
            zd.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam(i == 0 ? "start_time" : "cursor", equalTo(i == 0 ? "1735689600" : "c" + i))
                    .willReturn(okJson("{\"tickets\":[" + ticket(100 + i, "open", "2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z", 1)
                            + "],\"after_cursor\":\"c" + (i + 1) + "\",\"end_of_stream\":" + (i == 23) + "}")));
        }
        List<Instant> sentAt = new ArrayList<>();
        zd.addMockServiceRequestListener((request, response) -> {
            if (request.getUrl().contains("/incremental/")) sentAt.add(clock.instant());
        });

        reader().read(SINCE, Optional.empty(), pages);

        assertThat(read).hasSize(24);
        assertThat(sentAt).hasSize(25); // the organization export and 24 ticket pages
        for (int i = 10; i < sentAt.size(); i++) {
            // a minute and a margin: a request reaches Zendesk a little after the pace counted it
            assertThat(Duration.between(sentAt.get(i - 10), sentAt.get(i))).as("request %d", i).isGreaterThanOrEqualTo(Duration.ofSeconds(62));
        }
    }

    @Test
    void aReconciliationFromTheSavedCursorsCostsOneCallPerExportWhenNothingChanged() throws Exception {
        zd.stubFor(get(urlPathEqualTo(TICKETS)).withQueryParam("cursor", equalTo("c9"))
                .willReturn(okJson("{\"tickets\":[],\"after_cursor\":\"c9\",\"end_of_stream\":true}")));

        reader().read(SINCE, Optional.of("{\"organizations\":1767225600,\"tickets\":\"c9\",\"ratings\":1767225600}"), pages);

        assertThat(read).isEmpty();
        List<LoggedRequest> calls = zd.findAll(anyRequestedFor(anyUrl()));
        assertThat(calls).hasSize(3);
        assertThat(calls.get(0).getUrl()).contains("start_time=1767225600");
    }
}
