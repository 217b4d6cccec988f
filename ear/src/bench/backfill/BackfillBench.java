import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
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
 * Backfill benchmark (issue 11): a Salesforce org with N Accounts (Bulk API 2.0 query job, CSV chunks of 2,000 by
 * Sforce-Locator) and 1,000 closed Opportunities (REST query), a Zendesk with 1,000 organizations (one export page)
 * and T tickets (cursor export, 1,000 a page, then the end_of_stream page), both WireMock fakes in the vendors'
 * documented formats; then both backfills through the admin API of the server backfill-load.sh started, timed, and
 * every call the fakes received counted: reads per kind, Zendesk's busiest minute, and the health writes that
 * followed (sObject Collections, update_many).
 * Run by backfill-load.sh: java -cp wiremock-standalone.jar BackfillBench.java N T SF_PORT ZD_PORT HTTP_PORT
 */
public class BackfillBench {

    static final String DATA = "/services/data/v66.0";
    static final String SINCE = "2024-01-01";
    static final long SINCE_UNIX = 1704067200L;
    static final int CHUNK = 2000;
    static final int TICKET_PAGE = 1000;
    static final int ORGANIZATIONS = 1000;
    static final int OPPORTUNITIES = 1000;
    static final long ORG_IDS = 9_500_000_000L;
    static final Instant STAMPS = Instant.parse("2025-03-01T00:00:00Z");
    static final Pattern SF_ID = Pattern.compile("\"id\"\\s*:\\s*\"(001[A-Za-z0-9]+)\"");
    static final Pattern ZD_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final Set<String> written = ConcurrentHashMap.newKeySet();
    static final AtomicInteger jobs = new AtomicInteger();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static int accounts;
    static int tickets;
    static String base;

    public static void main(String[] args) throws Exception {
        accounts = Integer.parseInt(args[0]);
        tickets = Integer.parseInt(args[1]);
        base = "http://127.0.0.1:" + args[4];
        WireMockServer sf = new WireMockServer(options().port(Integer.parseInt(args[2])).bindAddress("127.0.0.1")
                .extensions(new SaveResults(), new AccountChunks()));
        WireMockServer zd = new WireMockServer(options().port(Integer.parseInt(args[3])).bindAddress("127.0.0.1")
                .extensions(new Jobs(), new TicketPages()));
        sf.start();
        zd.start();
        salesforce(sf);
        zendesk(zd);
        System.out.println("fakes ready");
        try {
            run(sf, zd);
        } finally {
            sf.stop();
            zd.stop();
        }
    }

    static void run(WireMockServer sf, WireMockServer zd) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!answers()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("the admin API never answered");
            Thread.sleep(1000);
        }
        long start = System.nanoTime();
        String sfJob = id(admin("POST", "/backfills", "{\"source\":\"salesforce\",\"since\":\"" + SINCE + "\"}"));
        String zdJob = id(admin("POST", "/backfills", "{\"source\":\"zendesk\",\"since\":\"" + SINCE + "\"}"));
        Map<String, Double> doneAfter = new TreeMap<>();
        Map<String, String> finalState = new TreeMap<>();
        while (doneAfter.size() < 2) {
            for (String[] job : new String[][]{{"salesforce", sfJob}, {"zendesk", zdJob}}) {
                if (doneAfter.containsKey(job[0])) continue;
                String body;
                try {
                    body = admin("GET", "/backfills/" + job[1], null).body();
                } catch (java.io.IOException e) {
                    continue; // asked again next second
                }
                if (!body.contains("\"state\":\"RUNNING\"")) {
                    doneAfter.put(job[0], (System.nanoTime() - start) / 1e9);
                    finalState.put(job[0], body);
                }
            }
            Thread.sleep(1000);
        }
        long writesFrom = System.nanoTime();
        while (written.size() < accounts && System.nanoTime() - writesFrom < 600_000_000_000L) Thread.sleep(1000);
        double writesDone = (System.nanoTime() - start) / 1e9;
        Thread.sleep(10_000); // anything lingering goes out

        System.out.printf("%nbackfill of %,d Accounts + %,d Opportunities and %,d organizations + %,d tickets%n",
                accounts, OPPORTUNITIES, ORGANIZATIONS, tickets);
        doneAfter.forEach((source, s) -> System.out.printf("%-10s DONE after %6.1f s: %s%n", source, s, finalState.get(source)));
        System.out.printf("every Account's health written back (seen by %.1f s after the start)%n", writesDone);

        Map<String, Integer> sfCalls = new TreeMap<>();
        for (ServeEvent e : sf.getAllServeEvents()) sfCalls.merge(salesforceKind(e), 1, Integer::sum);
        Map<String, Integer> zdCalls = new TreeMap<>();
        List<Long> exportTimes = new ArrayList<>();
        for (ServeEvent e : zd.getAllServeEvents()) {
            String path = e.getRequest().getUrl().replaceAll("\\?.*", "");
            zdCalls.merge(e.getRequest().getMethod().getName() + " " + path, 1, Integer::sum);
            if (path.contains("/incremental/")) exportTimes.add(e.getRequest().getLoggedDate().getTime());
        }
        exportTimes.sort(Long::compare);
        int busiest = 0;
        for (int i = 0, j = 0; j < exportTimes.size(); j++) {
            while (exportTimes.get(j) - exportTimes.get(i) >= 60_000) i++;
            busiest = Math.max(busiest, j - i + 1);
        }
        long shortestEleven = Long.MAX_VALUE;
        for (int j = 10; j < exportTimes.size(); j++) shortestEleven = Math.min(shortestEleven, exportTimes.get(j) - exportTimes.get(j - 10));
        long startMillis = System.currentTimeMillis() - (System.nanoTime() - start) / 1_000_000;
        List<Long> sfWrites = new ArrayList<>();
        for (ServeEvent e : sf.getAllServeEvents()) {
            if (e.getRequest().getMethod().getName().equals("PATCH")) sfWrites.add(e.getRequest().getLoggedDate().getTime() - startMillis);
        }
        sfWrites.sort(Long::compare);
        if (!sfWrites.isEmpty()) {
            System.out.printf("Salesforce health writes: the first %.1f s, the last %.1f s after the start%n",
                    sfWrites.get(0) / 1e3, sfWrites.get(sfWrites.size() - 1) / 1e3);
        }
        System.out.println("\nSalesforce calls:");
        sfCalls.forEach((k, v) -> System.out.printf("  %5d  %s%n", v, k));
        System.out.printf("  Account CSV chunks: limit ceil(%d / %d) = %d%n", accounts, CHUNK, (accounts + CHUNK - 1) / CHUNK);
        System.out.printf("  distinct Accounts written: %,d; sObject Collections limit ceil(%d / 200) = %d%n", written.size(),
                accounts, (accounts + 199) / 200);
        System.out.println("Zendesk calls:");
        zdCalls.forEach((k, v) -> System.out.printf("  %5d  %s%n", v, k));
        System.out.printf("  ticket export pages: limit ceil(%d / %d) + 1 = %d; export requests in the busiest minute: %d (limit 10);"
                + " the shortest time spanning 11 export requests: %.2f s%n",
                tickets, TICKET_PAGE, (tickets + TICKET_PAGE - 1) / TICKET_PAGE + 1, busiest, shortestEleven / 1e3);
    }

    static String salesforceKind(ServeEvent e) {
        String method = e.getRequest().getMethod().getName();
        String url = e.getRequest().getUrl();
        String path = url.replaceAll("\\?.*", "");
        if (path.endsWith("/oauth2/token")) return "token: POST oauth2/token";
        if (path.endsWith("/composite/sobjects")) return "write: " + method + " composite/sobjects";
        if (path.endsWith("/jobs/query")) return "read: POST jobs/query (create the Bulk 2.0 job)";
        if (path.endsWith("/results")) return "read: GET jobs/query/{id}/results (CSV chunk)";
        if (path.contains("/jobs/query/")) return "read: GET jobs/query/{id} (job state)";
        if (path.endsWith("/query")) {
            String q = java.net.URLDecoder.decode(url.replaceAll(".*[?&]q=", "").replaceAll("&.*", ""), StandardCharsets.UTF_8);
            String object = q.replaceAll("^SELECT .*? FROM (\\w+).*", "$1");
            return "read: GET query " + (q.startsWith("SELECT COUNT()") ? "COUNT() " : "records ") + object;
        }
        return method + " " + path;
    }

    static HttpResponse<String> admin(String method, String path, String json) throws Exception {
        String auth = Base64.getEncoder().encodeToString("bench:bench-password".getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/admin/api" + path)).header("Authorization", "Basic " + auth);
        b = json == null ? b.GET() : b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static boolean answers() throws InterruptedException {
        try {
            return admin("GET", "/pipeline", null).statusCode() == 200;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return false; // not up yet
        }
    }

    static String id(HttpResponse<String> started) {
        if (started.statusCode() != 202) throw new IllegalStateException("not started: " + started.statusCode() + " " + started.body());
        return started.body().replaceAll(".*\"id\":\"?([^\",}]+)\"?.*", "$1");
    }

    static String stamp(long i) {
        return STAMPS.plusSeconds(i).toString().replace("Z", ".000Z");
    }

    static void salesforce(WireMockServer sf) {
        sf.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00DB!backfill\",\"instance_url\":\""
                + sf.baseUrl() + "\",\"token_type\":\"Bearer\"}")));
        sf.stubFor(get(urlPathEqualTo(DATA + "/query")).atPriority(10).willReturn(okJson("{\"totalSize\":0,\"done\":true,\"records\":[]}")));
        sf.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", matching("SELECT COUNT\\(\\) FROM Account WHERE SystemModstamp >= .*"))
                .willReturn(okJson("{\"totalSize\":" + accounts + ",\"done\":true,\"records\":[]}")));
        sf.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", matching("SELECT COUNT\\(\\) FROM Opportunity WHERE .*>= .*"))
                .willReturn(okJson("{\"totalSize\":" + OPPORTUNITIES + ",\"done\":true,\"records\":[]}")));
        StringBuilder opportunities = new StringBuilder();
        for (int i = 0; i < OPPORTUNITIES; i++) {
            if (i > 0) opportunities.append(',');
            opportunities.append("{\"attributes\":{\"type\":\"Opportunity\"},\"Id\":\"006B").append(String.format("%011d", i))
                    .append("\",\"AccountId\":\"").append(accountId(i)).append("\",\"StageName\":\"Closed Won\",\"IsClosed\":true,")
                    .append("\"IsWon\":true,\"CloseDate\":\"2025-04-01\",\"Amount\":25000.0,\"Type\":\"Existing Customer - Upgrade\",")
                    .append("\"LastModifiedDate\":\"2025-04-02T10:00:00.000+0000\",\"SystemModstamp\":\"2025-04-02T10:00:00.000+0000\"}");
        }
        sf.stubFor(get(urlPathEqualTo(DATA + "/query")).withQueryParam("q", matching("SELECT Id, .* FROM Opportunity WHERE .*>= .*"))
                .willReturn(okJson("{\"totalSize\":" + OPPORTUNITIES + ",\"done\":true,\"records\":[" + opportunities + "]}")));
        sf.stubFor(post(DATA + "/jobs/query").willReturn(okJson("{\"id\":\"750B00000001\",\"operation\":\"query\",\"state\":\"UploadComplete\"}")));
        sf.stubFor(get(DATA + "/jobs/query/750B00000001").willReturn(okJson("{\"id\":\"750B00000001\",\"state\":\"JobComplete\"}")));
        sf.stubFor(get(urlPathEqualTo(DATA + "/jobs/query/750B00000001/results")).willReturn(aResponse().withTransformers("account-chunks")));
        sf.stubFor(patch(urlPathEqualTo(DATA + "/composite/sobjects")).willReturn(aResponse().withTransformers("save-results")));
    }

    static String accountId(int i) {
        return "001B" + String.format("%011d", i);
    }

    static void zendesk(WireMockServer zd) {
        StringBuilder orgs = new StringBuilder();
        for (int i = 0; i < ORGANIZATIONS; i++) {
            if (i > 0) orgs.append(',');
            orgs.append("{\"id\":").append(ORG_IDS + i).append(",\"name\":\"Bench Org ").append(i)
                    .append("\",\"external_id\":null,\"updated_at\":\"2025-05-01T00:00:00Z\"}");
        }
        zd.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).atPriority(10).willReturn(okJson(
                "{\"organizations\":[],\"end_time\":1751328000,\"end_of_stream\":true}")));
        zd.stubFor(get(urlPathEqualTo("/api/v2/incremental/organizations.json")).withQueryParam("start_time", matching(String.valueOf(SINCE_UNIX)))
                .willReturn(okJson("{\"organizations\":[" + orgs + "],\"end_time\":1751328000,\"end_of_stream\":true}")));
        zd.stubFor(get(urlPathEqualTo("/api/v2/incremental/tickets/cursor.json")).willReturn(aResponse().withTransformers("ticket-pages")));
        zd.stubFor(get(urlPathEqualTo("/api/v2/satisfaction_ratings.json"))
                .willReturn(okJson("{\"satisfaction_ratings\":[],\"meta\":{\"has_more\":false}}")));
        zd.stubFor(put(urlPathEqualTo("/api/v2/organizations/update_many.json")).willReturn(aResponse().withTransformers("jobs")));
        zd.stubFor(get(urlPathMatching("/api/v2/job_statuses/show_many.json")).willReturn(aResponse().withTransformers("jobs")));
    }

    static ResponseDefinition json(String body, String... headers) {
        var b = responseDefinition().withStatus(200).withHeader("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) b.withHeader(headers[i], headers[i + 1]);
        return b.withBody(body).build();
    }

    /** The Bulk job's CSV, {@value #CHUNK} rows a chunk; the locator is the next row's number. */
    static final class AccountChunks implements ResponseDefinitionTransformerV2 {
        public String getName() { return "account-chunks"; }
        public boolean applyGlobally() { return false; }
        public ResponseDefinition transform(ServeEvent event) {
            var locator = event.getRequest().queryParameter("locator");
            int from = locator.isPresent() ? Integer.parseInt(locator.firstValue()) : 0;
            int to = Math.min(accounts, from + CHUNK);
            StringBuilder body = new StringBuilder("\"Id\",\"Name\",\"Website\",\"AnnualRevenue\",\"LastModifiedDate\",\"SystemModstamp\"\n");
            for (int i = from; i < to; i++) {
                body.append('"').append(accountId(i)).append("\",\"Customer ").append(i).append("\",\"www.bench").append(i)
                        .append(".com\",\"").append(1000 * (i + 1)).append("\",\"").append(stamp(i)).append("\",\"").append(stamp(i)).append("\"\n");
            }
            return responseDefinition().withStatus(200).withHeader("Content-Type", "text/csv")
                    .withHeader("Sforce-Locator", to < accounts ? String.valueOf(to) : "null")
                    .withHeader("Sforce-NumberOfRecords", String.valueOf(to - from)).withBody(body.toString()).build();
        }
    }

    /** Cursor export pages of {@value #TICKET_PAGE} tickets; the page after the last ticket is empty, end_of_stream. */
    static final class TicketPages implements ResponseDefinitionTransformerV2 {
        public String getName() { return "ticket-pages"; }
        public boolean applyGlobally() { return false; }
        public ResponseDefinition transform(ServeEvent event) {
            var cursor = event.getRequest().queryParameter("cursor");
            int page = cursor.isPresent() ? Integer.parseInt(cursor.firstValue().substring(1)) : 0;
            int first = page * TICKET_PAGE + 1;
            int last = Math.min(tickets, first + TICKET_PAGE - 1);
            StringBuilder out = new StringBuilder("{\"tickets\":[");
            for (int id = first; id <= last; id++) {
                if (id > first) out.append(',');
                boolean solved = id % 3 == 0;
                String updated = STAMPS.plusSeconds(60L * id).toString();
                out.append("{\"id\":").append(id).append(",\"status\":\"").append(solved ? "solved" : "open")
                        .append("\",\"priority\":\"normal\",\"tags\":[\"bench\"],\"organization_id\":").append(ORG_IDS + id % ORGANIZATIONS)
                        .append(",\"requester_id\":1,\"created_at\":\"").append(solved ? STAMPS.toString() : updated)
                        .append("\",\"updated_at\":\"").append(updated).append("\"}");
            }
            boolean end = first > tickets;
            int next = end ? page : page + 1;
            return json(out.append("],\"after_cursor\":\"c").append(next).append("\",\"after_url\":\"").append(event.getRequest().getAbsoluteUrl()
                    .replaceAll("\\?.*", "")).append("?cursor=c").append(next).append("\",\"end_of_stream\":").append(end).append('}').toString());
        }
    }

    /** One SaveResult per record; remembers which Accounts were written. */
    static final class SaveResults implements ResponseDefinitionTransformerV2 {
        public String getName() { return "save-results"; }
        public boolean applyGlobally() { return false; }
        public ResponseDefinition transform(ServeEvent event) {
            StringBuilder out = new StringBuilder("[");
            Matcher m = SF_ID.matcher(event.getRequest().getBodyAsString());
            while (m.find()) {
                written.add(m.group(1));
                if (out.length() > 1) out.append(',');
                out.append("{\"id\":\"").append(m.group(1)).append("\",\"success\":true,\"errors\":[]}");
            }
            return json(out.append(']').toString(), "Sforce-Limit-Info", "api-usage=1000/100000");
        }
    }

    /** update_many queues a job; show_many reports each completed. */
    static final class Jobs implements ResponseDefinitionTransformerV2 {
        final Map<String, List<String>> byJob = new ConcurrentHashMap<>();
        public String getName() { return "jobs"; }
        public boolean applyGlobally() { return false; }
        public ResponseDefinition transform(ServeEvent event) {
            if (event.getRequest().getUrl().contains("update_many")) {
                List<String> orgs = new ArrayList<>();
                Matcher m = ZD_ID.matcher(event.getRequest().getBodyAsString());
                while (m.find()) orgs.add(m.group(1));
                String id = "J" + jobs.incrementAndGet();
                byJob.put(id, orgs);
                return json("{\"job_status\":{\"id\":\"" + id + "\",\"status\":\"queued\",\"url\":\"x\"}}");
            }
            StringBuilder out = new StringBuilder("{\"job_statuses\":[");
            for (String id : event.getRequest().queryParameter("ids").firstValue().split(",")) {
                List<String> orgs = byJob.getOrDefault(id, List.of());
                if (out.charAt(out.length() - 1) != '[') out.append(',');
                out.append("{\"id\":\"").append(id).append("\",\"status\":\"completed\",\"results\":[");
                for (int i = 0; i < orgs.size(); i++) {
                    if (i > 0) out.append(',');
                    out.append("{\"id\":").append(orgs.get(i)).append(",\"index\":").append(i)
                            .append(",\"action\":\"update\",\"success\":true,\"status\":\"Updated\"}");
                }
                out.append("]}");
            }
            return json(out.append("]}").toString());
        }
    }
}
