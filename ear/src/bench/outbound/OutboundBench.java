import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Outbound benchmark: vendor calls per 1,000 changed accounts and time from event to field write.
 * Fakes Salesforce, Zendesk and Slack with WireMock on 18181-18183 (the ports outbound-load.sh points the
 * server's connectors at), posts N new accounts to POST /hooks/usage as Segment group calls (100 a batch,
 * 4 senders), records when each account's record arrived in a Salesforce sObject Collections PATCH and in a
 * Zendesk update_many, then posts the same traits again (unchanged values) and counts the calls that causes,
 * then N other new accounts on the now warm server.
 * Run by outbound-load.sh: java -cp wiremock-standalone.jar OutboundBench.java N SECRET
 */
public class OutboundBench {

    static final Pattern SF_ID = Pattern.compile("\"id\"\\s*:\\s*\"(001[A-Za-z0-9]+)\"");
    static final Pattern ZD_ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");
    static final Map<String, Long> salesforceAt = new ConcurrentHashMap<>();
    static final Map<String, Long> zendeskAt = new ConcurrentHashMap<>();
    static final AtomicInteger jobs = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String secret = args.length > 1 ? args[1] : "bench-secret";
        WireMockServer zd = new WireMockServer(options().port(18182).bindAddress("127.0.0.1").extensions(new Jobs()));
        WireMockServer slack = new WireMockServer(options().port(18183).bindAddress("127.0.0.1"));
        WireMockServer sf = new WireMockServer(options().port(18181).bindAddress("127.0.0.1").extensions(new SaveResults()));
        sf.start();
        zd.start();
        slack.start();
        sf.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00DB!bench\",\"instance_url\":"
                + "\"http://127.0.0.1:18181\",\"token_type\":\"Bearer\",\"issued_at\":\"1772366400000\"}")));
        sf.stubFor(patch(urlPathEqualTo("/services/data/v66.0/composite/sobjects")).willReturn(aResponse().withTransformers("save-results")));
        zd.stubFor(put(urlPathEqualTo("/api/v2/organizations/update_many.json")).willReturn(aResponse().withTransformers("jobs")));
        zd.stubFor(get(urlPathEqualTo("/api/v2/job_statuses/show_many.json")).willReturn(aResponse().withTransformers("jobs")));
        slack.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).willReturn(okJson("{\"ok\":true,\"channel\":\"C0B\",\"ts\":\"1.1\"}")));
        System.out.println("fakes up; ready: " + waitReady());

        String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36).toUpperCase();
        List<String> ids = accountIds(run, 0, n);

        System.out.println("== phase 1: " + n + " new accounts (changed values), cold server ==");
        burst(ids, run, secret, sf, zd, slack);

        System.out.println("== phase 2: the same " + n + " accounts, same traits (unchanged values) ==");
        sf.resetRequests();
        zd.resetRequests();
        slack.resetRequests();
        send(ids, run, secret, new ConcurrentHashMap<>(), "b");
        Thread.sleep(10_000);
        System.out.printf("calls for %d unchanged accounts: Salesforce %d, Zendesk %d, Slack %d%n", n,
                count(sf, "PATCH", "/composite/sobjects"), count(zd, "PUT", "update_many") + count(zd, "GET", "job_statuses"),
                count(slack, "POST", "chat.postMessage"));

        System.out.println("== phase 3: " + n + " other new accounts (changed values), warm server ==");
        sf.resetRequests();
        zd.resetRequests();
        slack.resetRequests();
        burst(accountIds(run, n, n), run, secret, sf, zd, slack);
        sf.stop();
        zd.stop();
        slack.stop();
    }

    static List<String> accountIds(String run, int from, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = from; i < from + n; i++) ids.add(String.format("001B%s%s", run, String.format("%0" + (14 - run.length()) + "d", i)));
        return ids;
    }

    /** Posts the accounts, waits for every field write, and prints the calls it cost and the latencies. */
    static void burst(List<String> ids, String run, String secret, WireMockServer sf, WireMockServer zd,
                      WireMockServer slack) throws Exception {
        int n = ids.size();
        Map<String, Long> postedAt = new ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        send(ids, run, secret, postedAt, "a");
        long acked = System.nanoTime();
        await(() -> salesforceAt.keySet().containsAll(ids) && ids.stream().allMatch(id -> zendeskAt.containsKey(zendeskOf(id))), 300);
        long done = System.nanoTime();
        Thread.sleep(3000); // let stragglers (polls, alerts) land before counting
        int sfCalls = count(sf, "PATCH", "/composite/sobjects");
        int tokenCalls = count(sf, "POST", "/services/oauth2/token");
        int updateMany = count(zd, "PUT", "update_many");
        int polls = count(zd, "GET", "job_statuses");
        int slackPosts = count(slack, "POST", "chat.postMessage");
        System.out.printf("posted %d accounts in %.2f s; all fields written %.2f s after the first post%n",
                n, (acked - t0) / 1e9, (done - t0) / 1e9);
        System.out.printf("calls for %d changed accounts: Salesforce %d PATCH (+%d token), Zendesk %d update_many + %d job polls, Slack %d postMessage%n",
                n, sfCalls, tokenCalls, updateMany, polls, slackPosts);
        List<Long> sfLatency = new ArrayList<>();
        List<Long> zdLatency = new ArrayList<>();
        for (String id : ids) {
            sfLatency.add(salesforceAt.get(id) - postedAt.get(id));
            zdLatency.add(zendeskAt.get(zendeskOf(id)) - postedAt.get(id));
        }
        System.out.println("event -> Salesforce field write (ms): " + percentiles(sfLatency));
        System.out.println("event -> Zendesk update_many (ms):    " + percentiles(zdLatency));
    }

    static String zendeskOf(String sfId) {
        return String.valueOf(500_000 + Integer.parseInt(sfId.substring(sfId.length() - 6)));
    }

    static void send(List<String> ids, String run, String secret, Map<String, Long> postedAt, String pass) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> all = new ArrayList<>();
        Instant at = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int from = 0; from < ids.size(); from += 100) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 100));
            all.add(senders.submit(() -> {
                StringBuilder body = new StringBuilder("{\"batch\":[");
                for (String id : chunk) {
                    if (body.charAt(body.length() - 1) != '[') body.append(',');
                    body.append("{\"type\":\"group\",\"messageId\":\"").append(pass).append('-').append(id)
                            .append("\",\"groupId\":\"g-").append(id).append("\",\"userId\":\"u-").append(id)
                            .append("\",\"timestamp\":\"").append(at).append("\",\"traits\":{\"name\":\"Bench ").append(id)
                            .append("\",\"salesforceAccountId\":\"").append(id).append("\",\"zendeskOrganizationId\":\"")
                            .append(zendeskOf(id)).append("\",\"arr\":5000}}");
                }
                String json = body.append("]}").toString();
                long now = System.nanoTime();
                for (String id : chunk) postedAt.put(id, now);
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8080/hooks/usage"))
                        .header("Content-Type", "application/json").header("X-Signature", hmacSha1(secret, json))
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) throw new IllegalStateException("usage answered " + r.statusCode() + ": " + r.body());
                return null;
            }));
        }
        for (Future<?> f : all) f.get();
        senders.shutdown();
    }

    static String percentiles(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        return String.format("p50 %d, p90 %d, p99 %d, max %d", pick(sorted, 0.50), pick(sorted, 0.90), pick(sorted, 0.99),
                sorted.get(sorted.size() - 1) / 1_000_000);
    }

    static long pick(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1)) / 1_000_000;
    }

    static int count(WireMockServer server, String method, String path) {
        int n = 0;
        for (ServeEvent e : server.getAllServeEvents()) {
            if (e.getRequest().getMethod().getName().equals(method) && e.getRequest().getUrl().contains(path)) n++;
        }
        return n;
    }

    static boolean waitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 180; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9990/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return true;
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(1000);
        }
        return false;
    }

    interface Check {
        boolean ok();
    }

    static void await(Check check, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (!check.ok()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("not all writes arrived in " + seconds + " s: "
                    + salesforceAt.size() + " Salesforce, " + zendeskAt.size() + " Zendesk");
            Thread.sleep(20);
        }
    }

    static String hmacSha1(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    static ResponseDefinition json(String body, String... headers) {
        var b = responseDefinition().withStatus(200).withHeader("Content-Type", "application/json");
        for (int i = 0; i + 1 < headers.length; i += 2) b.withHeader(headers[i], headers[i + 1]);
        return b.withBody(body).build();
    }

    /** One SaveResult per record; records the arrival time of each Account. */
    static final class SaveResults implements ResponseDefinitionTransformerV2 {
        public String getName() { return "save-results"; }
        public boolean applyGlobally() { return false; }
        public ResponseDefinition transform(ServeEvent event) {
            long now = System.nanoTime();
            StringBuilder out = new StringBuilder("[");
            Matcher m = SF_ID.matcher(event.getRequest().getBodyAsString());
            while (m.find()) {
                salesforceAt.putIfAbsent(m.group(1), now);
                if (out.length() > 1) out.append(',');
                out.append("{\"id\":\"").append(m.group(1)).append("\",\"success\":true,\"errors\":[]}");
            }
            return json(out.append(']').toString(), "Sforce-Limit-Info", "api-usage=1000/100000");
        }
    }

    /** update_many queues a job (arrival recorded per organization); show_many reports each completed. */
    static final class Jobs implements ResponseDefinitionTransformerV2 {
        final Map<String, List<String>> byJob = new ConcurrentHashMap<>();
        public String getName() { return "jobs"; }
        public boolean applyGlobally() { return false; }
        public ResponseDefinition transform(ServeEvent event) {
            long now = System.nanoTime();
            if (event.getRequest().getUrl().contains("update_many")) {
                List<String> orgs = new ArrayList<>();
                Matcher m = ZD_ID.matcher(event.getRequest().getBodyAsString());
                while (m.find()) {
                    orgs.add(m.group(1));
                    zendeskAt.putIfAbsent(m.group(1), now);
                }
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
