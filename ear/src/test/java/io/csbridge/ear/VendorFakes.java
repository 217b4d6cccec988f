package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * Salesforce, Zendesk and Slack as their documentation describes them, on the fixed loopback ports the
 * {@code wildfly-live} container points its connectors at (arquillian.xml). Each fake answers in the
 * vendor's format: sObject Collections with one SaveResult per record and Sforce-Limit-Info; update_many
 * with a queued job_status and show_many with one result per organization; Slack's {@code ok} envelope.
 */
final class VendorFakes {

    static final int SALESFORCE_PORT = 18181;
    static final int ZENDESK_PORT = 18182;
    static final int SLACK_PORT = 18183;
    static final String API = "/services/data/v66.0";
    static final String COLLECTIONS = API + "/composite/sobjects";
    /** Tasks are upserted on their External Id (issue 12): sent twice, created once. */
    static final String TASK_UPSERT = COLLECTIONS + "/Task/CS_Bridge_Key__c";
    static final String UPDATE_MANY = "/api/v2/organizations/update_many.json";
    static final String JOB_STATUSES = "/api/v2/job_statuses/show_many.json";
    static final String POST_MESSAGE = "/api/chat.postMessage";
    static final String UPDATE_MESSAGE = "/api/chat.update";
    static final ObjectMapper JSON = new ObjectMapper();

    final SaveResults saveResults = new SaveResults();
    final WireMockServer salesforce;
    final ZendeskJobs jobs = new ZendeskJobs();
    /** Zendesk can be taken away and brought back (a new server on the same port): every instance, in order. */
    final List<WireMockServer> zendesks = new ArrayList<>();
    final WireMockServer slack;
    private final AtomicInteger slackTs = new AtomicInteger(100);
    private int zendeskPort;

    /** On the fixed ports the {@code wildfly-live} container points at. */
    VendorFakes() {
        this(SALESFORCE_PORT, ZENDESK_PORT, SLACK_PORT);
    }

    /** On these ports; 0: a free one, chosen at start ({@link #salesforcePort()} ...). */
    VendorFakes(int salesforcePort, int zendeskPort, int slackPort) {
        this.salesforce = new WireMockServer(port(salesforcePort).extensions(saveResults));
        this.zendeskPort = zendeskPort;
        this.slack = new WireMockServer(port(slackPort));
    }

    private static com.github.tomakehurst.wiremock.core.WireMockConfiguration port(int port) {
        return (port == 0 ? options().dynamicPort() : options().port(port)).bindAddress("127.0.0.1");
    }

    int salesforcePort() {
        return salesforce.port();
    }

    int zendeskPort() {
        return zendesk().port();
    }

    int slackPort() {
        return slack.port();
    }

    void start() {
        salesforce.start();
        salesforce.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00DIT!it-session\","
                + "\"instance_url\":\"http://127.0.0.1:" + salesforce.port() + "\",\"id\":\"http://127.0.0.1:" + salesforce.port()
                + "/id/00DIT000000CSBRAAW/005IT0000000INTAAA\",\"token_type\":\"Bearer\",\"issued_at\":\"1772366400000\","
                + "\"signature\":\"c2lnbmF0dXJl\"}")));
        salesforce.stubFor(patch(COLLECTIONS).willReturn(aResponse().withTransformers("save-results")));
        salesforce.stubFor(post(COLLECTIONS).willReturn(aResponse().withTransformers("save-results")));
        salesforce.stubFor(patch(TASK_UPSERT).willReturn(aResponse().withTransformers("save-results")));
        startZendesk();
        slack.start();
        slackOk();
    }

    void stop() {
        salesforce.stop();
        zendesk().stop();
        slack.stop();
    }

    WireMockServer zendesk() {
        return zendesks.get(zendesks.size() - 1);
    }

    void startZendesk() {
        WireMockServer zd = new WireMockServer(port(zendeskPort).extensions(jobs));
        zd.start();
        zendeskPort = zd.port(); // brought back on the same port
        zd.stubFor(put(urlPathEqualTo(UPDATE_MANY)).willReturn(aResponse().withTransformers("zendesk-jobs")));
        zd.stubFor(get(urlPathEqualTo(JOB_STATUSES)).willReturn(aResponse().withTransformers("zendesk-jobs")));
        zendesks.add(zd);
    }

    void slackOk() {
        slack.resetMappings();
        slack.stubFor(post(POST_MESSAGE).willReturn(aResponse().withTransformers("response-template")
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody("{\"ok\":true,\"channel\":\"C0ITALERTS\",\"ts\":\"1772366400.{{randomValue length=6 type='NUMERIC'}}\","
                        + "\"message\":{\"type\":\"message\",\"text\":\"alert\"}}")));
        slack.stubFor(post(UPDATE_MESSAGE).willReturn(okJson("{\"ok\":true,\"channel\":\"C0ITALERTS\",\"ts\":\"1772366400.000100\"}")));
        // a retried post first looks for an earlier attempt's message (issue 12); these fakes keep no history
        slack.stubFor(post("/api/conversations.history").willReturn(okJson("{\"ok\":true,\"messages\":[]}")));
        slack.stubFor(post("/api/conversations.replies").willReturn(okJson("{\"ok\":true,\"messages\":[]}")));
    }

    /** Salesforce answering every API call with 503 and its error array, as during an instance outage. */
    StubMapping salesforceDown() {
        return salesforce.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json")
                .withBody("[{\"message\":\"Server temporarily unavailable\",\"errorCode\":\"SERVER_UNAVAILABLE\"}]")));
    }

    /** Slack answering 503, as during an incident. */
    void slackDown() {
        slack.resetMappings();
        slack.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("upstream connect error")));
    }

    // ---- what the fakes received ------------------------------------------------------------------------

    /** Records of successful sObject Collections calls (PATCH: Account updates, POST: creations). */
    List<JsonNode> salesforceRecords(String method) {
        List<JsonNode> out = new ArrayList<>();
        for (ServeEvent e : salesforce.getAllServeEvents()) {
            if (!e.getRequest().getUrl().equals(COLLECTIONS) || !e.getRequest().getMethod().getName().equals(method)) continue;
            if (e.getResponse().getStatus() != 200) continue;
            read(e.getRequest().getBodyAsString()).get("records").forEach(out::add);
        }
        return out;
    }

    /** Task records of successful upserts on the Task's External Id. */
    List<JsonNode> salesforceTasks() {
        List<JsonNode> out = new ArrayList<>();
        for (ServeEvent e : salesforce.getAllServeEvents()) {
            if (!e.getRequest().getUrl().equals(TASK_UPSERT) || e.getResponse().getStatus() != 200) continue;
            read(e.getRequest().getBodyAsString()).get("records").forEach(out::add);
        }
        return out;
    }

    /** Organizations of update_many calls Zendesk accepted, on every Zendesk instance. */
    List<JsonNode> zendeskOrganizations() {
        List<JsonNode> out = new ArrayList<>();
        for (WireMockServer zd : zendesks) {
            for (ServeEvent e : zd.getAllServeEvents()) {
                if (!e.getRequest().getUrl().startsWith(UPDATE_MANY) || e.getResponse().getStatus() != 200) continue;
                read(e.getRequest().getBodyAsString()).get("organizations").forEach(out::add);
            }
        }
        return out;
    }

    int zendeskCalls(String pathPrefix) {
        int n = 0;
        for (WireMockServer zd : zendesks) {
            for (ServeEvent e : zd.getAllServeEvents()) if (e.getRequest().getUrl().startsWith(pathPrefix)) n++;
        }
        return n;
    }

    /** The form fields of Slack API calls to {@code path} that Slack answered ok. */
    List<Map<String, String>> slackCalls(String path) {
        List<Map<String, String>> out = new ArrayList<>();
        for (ServeEvent e : slack.getAllServeEvents()) {
            if (!e.getRequest().getUrl().equals(path) || e.getResponse().getStatus() != 200) continue;
            Map<String, String> form = form(e.getRequest().getBodyAsString());
            form.put("_authorization", e.getRequest().getHeader("Authorization"));
            form.put("_ts", read(e.getResponse().getBodyAsString()).path("ts").asText());
            out.add(form);
        }
        out.sort(java.util.Comparator.comparing(f -> f.get("_ts")));
        return out;
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0) continue;
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    private static ResponseDefinition json(Object body, Map<String, String> headers) {
        var builder = responseDefinition().withStatus(200).withHeader("Content-Type", "application/json;charset=UTF-8");
        headers.forEach(builder::withHeader);
        try {
            return builder.withBody(JSON.writeValueAsString(body)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** sObject Collections: one SaveResult per record, in order; usage reported on every response. */
    static final class SaveResults implements ResponseDefinitionTransformerV2 {
        private final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger created = new AtomicInteger();
        private volatile long usage = -1;

        /** From now on, report this much of the org's 100,000 daily calls used (as another integration spent them). */
        void reportUsage(long used) {
            usage = used;
        }

        @Override
        public String getName() {
            return "save-results";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            JsonNode records = read(event.getRequest().getBodyAsString()).path("records");
            boolean create = event.getRequest().getMethod().getName().equals("POST")
                    || event.getRequest().getUrl().equals(TASK_UPSERT);
            List<Object> results = new ArrayList<>();
            for (JsonNode r : records) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("id", create ? "00TIT" + String.format("%013d", created.incrementAndGet()) : r.path("id").asText());
                result.put("success", true);
                result.put("errors", List.of());
                results.add(result);
            }
            long used = usage >= 0 ? usage : 1200 + calls.incrementAndGet();
            return json(results, Map.of("Sforce-Limit-Info", "api-usage=" + used + "/100000"));
        }
    }

    /** Zendesk's background jobs: update_many queues one; show_many reports it completed, one result per organization. */
    static final class ZendeskJobs implements ResponseDefinitionTransformerV2 {
        final Map<String, List<Long>> jobs = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public String getName() {
            return "zendesk-jobs";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            String url = event.getRequest().getUrl();
            if (url.startsWith(UPDATE_MANY)) {
                List<Long> ids = new ArrayList<>();
                read(event.getRequest().getBodyAsString()).get("organizations").forEach(o -> ids.add(o.get("id").asLong()));
                String id = "V3IT" + next.incrementAndGet();
                jobs.put(id, ids);
                return json(Map.of("job_status", status(event.getRequest().getPort(), id, "queued", null)), Map.of());
            }
            List<Object> statuses = new ArrayList<>();
            for (String id : event.getRequest().queryParameter("ids").firstValue().split(",")) {
                List<Long> ids = jobs.get(id);
                if (ids == null) continue;
                List<Object> results = new ArrayList<>();
                for (int i = 0; i < ids.size(); i++) {
                    results.add(Map.of("id", ids.get(i), "index", i, "action", "update", "status", "Updated", "success", true));
                }
                statuses.add(status(event.getRequest().getPort(), id, "completed", results));
            }
            return json(Map.of("job_statuses", statuses), Map.of());
        }

        private static Map<String, Object> status(int port, String id, String state, List<Object> results) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", id);
            s.put("url", "http://127.0.0.1:" + port + "/api/v2/job_statuses/" + id + ".json");
            s.put("status", state);
            s.put("total", results == null ? 0 : results.size());
            s.put("progress", results == null ? 0 : results.size());
            s.put("message", "completed".equals(state) ? "Completed at 2026-03-01 12:00:00 +0000" : null);
            s.put("results", results);
            return s;
        }
    }
}
