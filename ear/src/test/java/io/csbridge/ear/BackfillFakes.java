package io.csbridge.ear;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A Salesforce org with {@value #ACCOUNTS} Accounts (served by a Bulk API 2.0 query job, CSV chunks by
 * locator) and {@value #OPPORTUNITIES} closed Opportunities (REST query), and a Zendesk with
 * {@value #ORGANIZATIONS} organizations, {@value #TICKETS} tickets (cursor export, 1,000 a page) and
 * {@value #RATINGS} ratings, on dynamic loopback ports, in the vendors' documented formats. They take the
 * health writes too (sObject Collections, Zendesk's {@code update_many} jobs) and record every call, so a
 * test can count the write calls a backfill caused. The Bulk job's second CSV chunk is slow the first time
 * it is asked for (a kill -9 can land in the middle of the Salesforce backfill).
 */
final class BackfillFakes {

    static final int ACCOUNTS = 5000;
    static final int OPPORTUNITIES = 3;
    static final int ORGANIZATIONS = 50;
    /** The first organization's id: far from the ids other suites use (with DB_URL they share one database). */
    static final long ORGANIZATION_IDS = 8_100_000_000L;
    static final int TICKETS = 20_000;
    static final int RATINGS = 10;
    static final String SINCE = "2024-01-01";
    static final long SINCE_UNIX = 1704067200L;
    static final String DATA = "/services/data/v66.0";
    static final Instant ACCOUNT_STAMPS = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant TICKET_STAMPS = Instant.parse("2025-06-01T00:00:00Z");
    static final long ORG_END = 1751328000L;
    static final String BULK = "bulk-queries";

    /** The sObject Collections batch: at most this many records a write call. */
    static final int COLLECTION_BATCH = 200;
    /** How long the Bulk job's second chunk takes the first time. */
    static final int SLOW_CHUNK_MS = 90_000;

    final WireMockServer salesforce = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .extensions(new VendorFakes.SaveResults(), new BulkQueries()));
    final WireMockServer zendesk = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1")
            .extensions(new VendorFakes.ZendeskJobs()));

    void start() {
        salesforce.start();
        zendesk.start();
        salesforceOrg();
        zendeskAccount();
    }

    void stop() {
        salesforce.stop();
        zendesk.stop();
    }

    static String accountId(int i) {
        return "001IT" + String.format("%010d", i);
    }

    static String accountStamp(int i) {
        return ACCOUNT_STAMPS.plusSeconds(i).toString().replace("Z", ".000Z");
    }

    private void salesforceOrg() {
        salesforce.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00DIT!backfill\",\"instance_url\":\""
                + salesforce.baseUrl() + "\",\"token_type\":\"Bearer\"}")));
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/query")).atPriority(10).willReturn(okJson("{\"totalSize\":0,\"done\":true,\"records\":[]}")));
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", equalTo(
                "SELECT COUNT() FROM Opportunity WHERE IsClosed = true AND SystemModstamp >= 2024-01-01T00:00:00.000Z"))
                .willReturn(okJson("{\"totalSize\":" + OPPORTUNITIES + ",\"done\":true,\"records\":[]}")));
        String opportunities = IntStream.range(0, OPPORTUNITIES).mapToObj(i -> "{\"attributes\":{\"type\":\"Opportunity\"},\"Id\":\"006IT"
                + String.format("%010d", i) + "\",\"AccountId\":\"" + accountId(i) + "\",\"StageName\":\"Closed Won\",\"IsClosed\":true,"
                + "\"IsWon\":true,\"CloseDate\":\"2025-04-01\",\"Amount\":25000.0,\"Type\":\"Existing Customer - Upgrade\","
                + "\"LastModifiedDate\":\"2025-04-02T10:00:00.000+0000\",\"SystemModstamp\":\"2025-04-02T10:00:00.000+0000\"}")
                .collect(Collectors.joining(","));
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", matching("SELECT Id, .* FROM Opportunity WHERE .*>= 2024.*"))
                .willReturn(okJson("{\"totalSize\":" + OPPORTUNITIES + ",\"done\":true,\"records\":[" + opportunities + "]}")));
        salesforce.stubFor(patch(VendorFakes.COLLECTIONS).willReturn(aResponse().withTransformers("save-results")));
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", matching(
                "SELECT (COUNT\\(\\)|Id, .*) FROM Account WHERE SystemModstamp >= .*")).willReturn(aResponse().withTransformers(BULK)));
        salesforce.stubFor(post(DATA + "/jobs/query").willReturn(aResponse().withTransformers(BULK)));
        salesforce.stubFor(get(urlPathMatching(DATA + "/jobs/query/750IT\\d+")).willReturn(aResponse().withTransformers(BULK)));
        salesforce.stubFor(get(urlPathMatching(DATA + "/jobs/query/750IT\\d+/results")).willReturn(aResponse().withTransformers(BULK)));
    }

    /** The health writes Salesforce received: one sObject Collections call each, with what they asked. */
    List<ServeEvent> salesforceWrites() {
        return salesforce.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("PATCH")
                && e.getRequest().getUrl().equals(VendorFakes.COLLECTIONS)).toList();
    }

    /** The distinct backfilled Accounts (ids {@code 001IT...}) the health writes have reached so far. */
    long accountsWritten() {
        return salesforceWrites().stream().filter(e -> e.getResponse().getStatus() == 200)
                .flatMap(e -> VendorFakes.read(e.getRequest().getBodyAsString()).path("records").findValuesAsText("id").stream())
                .filter(id -> id.startsWith("001IT")).distinct().count();
    }

    /** Account {@code i} renamed in Salesforce (no Outbound Message sent): what the next reconciliation reads. */
    void renameAccount(int i, String name) {
        String cursor = "SystemModstamp > " + accountStamp(ACCOUNTS - 1);
        String stamp = Instant.now().minusSeconds(5).toString();
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", equalTo("SELECT COUNT() FROM Account WHERE " + cursor))
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":[]}")));
        salesforce.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", matching("SELECT Id, .* FROM Account WHERE " + cursor + " .*"))
                .willReturn(okJson("{\"totalSize\":1,\"done\":true,\"records\":[{\"attributes\":{\"type\":\"Account\"},\"Id\":\""
                        + accountId(i) + "\",\"Name\":\"" + name + "\",\"LastModifiedDate\":\"" + stamp + "\",\"SystemModstamp\":\"" + stamp + "\"}]}")));
    }

    static String ticketStamp(int id) {
        return TICKET_STAMPS.plusSeconds(60L * id).toString();
    }

    static String ticket(int id) {
        boolean solved = id % 3 == 0;
        String created = solved ? TICKET_STAMPS.toString() : ticketStamp(id);
        return "{\"id\":" + id + ",\"status\":\"" + (solved ? "solved" : "open") + "\",\"priority\":\"normal\",\"tags\":[\"it\"],"
                + "\"organization_id\":" + (ORGANIZATION_IDS + id % ORGANIZATIONS) + ",\"requester_id\":1,\"created_at\":\"" + created
                + "\",\"updated_at\":\"" + ticketStamp(id) + "\"}";
    }

    private void zendeskAccount() {
        zendesk.stubFor(put(urlPathEqualTo(VendorFakes.UPDATE_MANY)).willReturn(aResponse().withTransformers("zendesk-jobs")));
        zendesk.stubFor(get(urlPathEqualTo(VendorFakes.JOB_STATUSES)).willReturn(aResponse().withTransformers("zendesk-jobs")));
        String orgs = IntStream.range(0, ORGANIZATIONS).mapToObj(i -> "{\"id\":" + (ORGANIZATION_IDS + i) + ",\"name\":\"Zendesk Org " + i
                + "\",\"external_id\":null,\"updated_at\":\"2025-05-01T00:00:00Z\"}").collect(Collectors.joining(","));
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).atPriority(10).willReturn(okJson(
                "{\"organizations\":[],\"end_time\":" + ORG_END + ",\"end_of_stream\":true}")));
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", equalTo(String.valueOf(SINCE_UNIX)))
                .willReturn(okJson("{\"organizations\":[" + orgs + "],\"end_time\":" + ORG_END + ",\"end_of_stream\":true}")));
        String tickets = "/api/v2/incremental/tickets/cursor.json";
        int pages = TICKETS / 1000;
        for (int p = 0; p < pages; p++) {
            int first = p * 1000 + 1;
            String page = IntStream.range(first, first + 1000).mapToObj(BackfillFakes::ticket).collect(Collectors.joining(","));
            var request = get(urlPathEqualTo(tickets));
            request = p == 0 ? request.withQueryParam("start_time", equalTo(String.valueOf(SINCE_UNIX))) : request.withQueryParam("cursor", equalTo("c" + p));
            zendesk.stubFor(request.willReturn(okJson("{\"tickets\":[" + page + "],\"after_cursor\":\"c" + (p + 1) + "\",\"after_url\":\""
                    + zendesk.baseUrl() + tickets + "?cursor=c" + (p + 1) + "\",\"end_of_stream\":" + (p == pages - 1) + "}")));
        }
        zendesk.stubFor(get(urlPathEqualTo(tickets)).withQueryParam("cursor", equalTo("c" + pages))
                .willReturn(okJson("{\"tickets\":[],\"after_cursor\":\"c" + pages + "\",\"end_of_stream\":true}")));
        String ratings = IntStream.range(1, RATINGS + 1).mapToObj(i -> "{\"id\":" + (700 + i) + ",\"ticket_id\":" + (i * 3)
                + ",\"score\":\"" + (i % 2 == 0 ? "good" : "bad") + "\",\"updated_at\":\"" + ticketStamp(i * 3) + "\"}").collect(Collectors.joining(","));
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/satisfaction_ratings.json")).atPriority(10)
                .willReturn(okJson("{\"satisfaction_ratings\":[],\"meta\":{\"has_more\":false}}")));
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/satisfaction_ratings.json")).withQueryParam("start_time", equalTo(String.valueOf(SINCE_UNIX)))
                .willReturn(okJson("{\"satisfaction_ratings\":[" + ratings + "],\"meta\":{\"has_more\":false}}")));
    }

    /**
     * The Accounts as Salesforce answers for them: a {@code COUNT()}, a REST query (what is left after a
     * resume, when no more than 2,000) and a Bulk API 2.0 query job from any {@code SystemModstamp >=} cursor
     * (a resumed read asks from its last record on, inclusive), the job's id
     * naming its first row; the job's CSV in chunks of 2,000 rows, the locator being the next row. The
     * second chunk of the first job is slow the first time it is asked for.
     */
    static final class BulkQueries implements ResponseDefinitionTransformerV2 {
        private static final Pattern FROM = Pattern.compile("SystemModstamp >= (\\S+Z)");
        private final AtomicBoolean slowServed = new AtomicBoolean();

        @Override
        public String getName() {
            return BULK;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String path = event.getRequest().getUrl().replaceAll("\\?.*", "");
            if (path.endsWith(DATA + "/query")) { // COUNT(), or the records themselves when no more than 2,000 are left (REST)
                String query = event.getRequest().queryParameter("q").firstValue();
                int first = firstRow(query);
                StringBuilder records = new StringBuilder();
                for (int i = first; i < ACCOUNTS && !query.startsWith("SELECT COUNT()"); i++) {
                    String name = i % 100 == 0 ? "Customer " + i + ", \\\"Ltd\\\"\\nWest" : "Customer " + i;
                    records.append(records.isEmpty() ? "" : ",").append("{\"attributes\":{\"type\":\"Account\"},\"Id\":\"").append(accountId(i))
                            .append("\",\"Name\":\"").append(name).append("\",\"Website\":\"www.cust").append(i).append(".com\",\"AnnualRevenue\":")
                            .append(1000 * (i + 1)).append(",\"LastModifiedDate\":\"").append(accountStamp(i)).append("\",\"SystemModstamp\":\"")
                            .append(accountStamp(i)).append("\"}");
                }
                return okJson("{\"totalSize\":" + (ACCOUNTS - first) + ",\"done\":true,\"records\":[" + records + "]}").build();
            }
            if (path.endsWith("/jobs/query")) {
                String query = VendorFakes.read(event.getRequest().getBodyAsString()).path("query").asText();
                return okJson("{\"id\":\"750IT" + firstRow(query) + "\",\"operation\":\"query\",\"state\":\"UploadComplete\"}").build();
            }
            int first = Integer.parseInt(path.replaceAll(".*/750IT(\\d+).*", "$1"));
            if (!path.endsWith("/results")) {
                return okJson("{\"id\":\"750IT" + first + "\",\"state\":\"JobComplete\"}").build();
            }
            var locator = event.getRequest().queryParameter("locator");
            int from = locator.isPresent() ? Integer.parseInt(locator.firstValue()) : first;
            int to = Math.min(ACCOUNTS, from + 2000);
            StringBuilder body = new StringBuilder("\"Id\",\"Name\",\"Website\",\"AnnualRevenue\",\"LastModifiedDate\",\"SystemModstamp\"\n");
            for (int i = from; i < to; i++) {
                String name = i % 100 == 0 ? "Customer " + i + ", \"\"Ltd\"\"\nWest" : "Customer " + i;
                body.append('"').append(accountId(i)).append("\",\"").append(name).append("\",\"www.cust").append(i).append(".com\",\"")
                        .append(1000 * (i + 1)).append("\",\"").append(accountStamp(i)).append("\",\"").append(accountStamp(i)).append("\"\n");
            }
            var csv = aResponse().withHeader("Content-Type", "text/csv").withHeader("Sforce-Locator", to < ACCOUNTS ? String.valueOf(to) : "null")
                    .withHeader("Sforce-NumberOfRecords", String.valueOf(to - from)).withBody(body.toString());
            if (first == 0 && from == 2000 && slowServed.compareAndSet(false, true)) csv.withFixedDelay(SLOW_CHUNK_MS);
            return csv.build();
        }

        /** The first Account at or after the query's {@code SystemModstamp >=} time (Account i is stamped i seconds in). */
        private static int firstRow(String query) {
            Matcher m = FROM.matcher(query);
            if (!m.find()) throw new IllegalArgumentException("no SystemModstamp >= in " + query);
            long seconds = Instant.parse(m.group(1)).getEpochSecond() - ACCOUNT_STAMPS.getEpochSecond();
            return (int) Math.max(0, Math.min(ACCOUNTS, seconds));
        }
    }
}
