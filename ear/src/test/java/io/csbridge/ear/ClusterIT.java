package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Two real WildFly nodes from the built server on one PostgreSQL (ports shifted by 300 and 400, or
 * {@code -Dit.cluster.offset-a} / {@code -Dit.cluster.offset-b}), their connectors live against WireMock fakes on
 * free ports: events driven into both are applied once, every write reaches its vendor once, the vendors never
 * see more than the configured limits from both nodes together, both push their metrics through OTLP to a
 * receiver on a free port, a model saved through one node is in force on the other, a job started on one node
 * is read and cancelled on the other, and when the node running the daily rescore and a rescore job is killed
 * with SIGKILL the other finishes both. Maven profile {@code cluster}, PostgreSQL only
 * ({@code DB_URL} set), run by .ci/run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Logger LOG = Logger.getLogger(ClusterIT.class.getName());
    static final int ZENDESK_PER_MINUTE = 6;
    static final int ACCOUNTS = 24;
    static final String OUTBOUND_TOKEN = "it-salesforce-outbound-token";
    static final String ORG_ID = "00DIT000000CSBRAAW";

    static final VendorFakes FAKES = new VendorFakes(0, 0, 0);
    /** An OpenTelemetry collector's OTLP/HTTP receiver, on a free port. */
    static final WireMockServer OTLP = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    static final int RESCORE_ACCOUNTS = 3200;
    static boolean manyAccounts;
    static WildFlyNode nodeA;
    static WildFlyNode nodeB;

    @BeforeAll
    static void twoNodesOnOnePostgreSql() throws Exception {
        String dbUrl = System.getenv("DB_URL");
        assumeTrue(dbUrl != null && dbUrl.startsWith("jdbc:postgresql:"), "the cluster suite runs on PostgreSQL (DB_URL)");
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        FAKES.start();
        OTLP.start();
        OTLP.stubFor(WireMock.post(WireMock.urlPathMatching("/v1/(metrics|traces|logs)")).willReturn(WireMock.ok()));
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) owners.add(owner(i) + "=U0IT" + i);
        Map<String, String> settings = new HashMap<>();
        settings.put("usage.webhook-secret", CsBridgeClient.USAGE_SECRET);
        settings.put("ADMIN_USER", CsBridgeClient.ADMIN);
        settings.put("ADMIN_PASSWORD", CsBridgeClient.ADMIN_PASSWORD);
        settings.put("salesforce.outbound-token", OUTBOUND_TOKEN);
        settings.put("salesforce.org-id", ORG_ID);
        settings.put("salesforce.login-url", "http://127.0.0.1:" + FAKES.salesforcePort());
        settings.put("salesforce.client-id", "it-salesforce-client");
        settings.put("salesforce.client-secret", "it-salesforce-client-secret");
        settings.put("zendesk.url", "http://127.0.0.1:" + FAKES.zendeskPort());
        settings.put("zendesk.email", "it@csbridge.example");
        settings.put("zendesk.api-token", "it-zendesk-api-token");
        settings.put("zendesk.job-poll-interval-seconds", "0.2");
        settings.put("zendesk.requests-per-minute", String.valueOf(ZENDESK_PER_MINUTE));
        settings.put("slack.api-url", "http://127.0.0.1:" + FAKES.slackPort() + "/api/");
        settings.put("slack.bot-token", "xoxb-it-bot-token");
        settings.put("slack.signing-secret", "it-slack-signing-secret");
        settings.put("slack.alert-channel", "C0ITALERTS");
        settings.put("alerting.owner-slack-ids", String.join(",", owners));
        // no waiting for fuller Zendesk batches: each change is its own delivery, so the budget has to hold them back
        settings.put("outbox.zendesk.linger-ms", "0");
        settings.put("outbox.quiet-ms", "0");
        settings.put("outbox.retry-base-seconds", "1");
        settings.put("outbox.retry-cap-seconds", "4");
        settings.put("pipeline.daily-rescore-lease-seconds", "10");
        settings.put("pipeline.daily-rescore-check-seconds", "2");
        // both nodes push their metrics through OTLP to the receiver this suite runs (every 2 s)
        settings.put("otel.exporter.otlp.endpoint", "http://127.0.0.1:" + OTLP.port());
        settings.put("otel.metric.export.interval", "2000");
        // ports shifted by 300 and 400 unless told otherwise (-Dit.cluster.offset-a=... -Dit.cluster.offset-b=...)
        nodeA = new WildFlyNode("node-a", Integer.getInteger("it.cluster.offset-a", 300), settings);
        nodeB = new WildFlyNode("node-b", Integer.getInteger("it.cluster.offset-b", 400), settings);
        nodeA.start();
        nodeB.start();
        // a loaded machine boots a node in minutes (two nodes on two shared cores took 4)
        nodeA.awaitReady(Duration.ofSeconds(480));
        nodeB.awaitReady(Duration.ofSeconds(480));
    }

    @AfterAll
    static void stopAll() {
        if (nodeA != null) nodeA.kill();
        if (nodeB != null) nodeB.kill();
        FAKES.stop();
        OTLP.stop();
    }

    @Test
    @Order(1)
    void eventsIntoBothNodesAreAppliedOnceWrittenOnceAndTheVendorsSeeNoMoreThanTheirLimitsFromBoth() throws Exception {
        for (int i = 0; i < ACCOUNTS; i++) {
            String notification = LiveVendorsIT.account(sfId(i), "Cluster Co " + i, owner(i), String.valueOf(9100 + i));
            byte[] body = SalesforceOutboundMessageIT.envelope(ORG_ID, List.of(notification)).getBytes(StandardCharsets.UTF_8);
            // each notification to one node, and the sender's retry of it to the other
            assertThat(outboundMessage(i % 2 == 0 ? nodeA : nodeB, body)).isEqualTo(200);
            assertThat(outboundMessage(i % 2 == 0 ? nodeB : nodeA, body)).isEqualTo(200);
            CsBridgeClient.sleep(250);
        }

        awaitTrue("every account's fields in Salesforce and Zendesk", Duration.ofSeconds(150), () ->
                distinct(FAKES.salesforceRecords("PATCH"), "id") >= ACCOUNTS && distinctZendesk() >= ACCOUNTS);
        awaitTrue("the outbox empty", Duration.ofSeconds(60), () -> count("SELECT COUNT(*) FROM outbox WHERE status <> 'DELIVERED'") == 0);

        // applied once: one inbox row per notification (the retry to the other node deduplicated), all done
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE source = 'salesforce'")).isEqualTo(ACCOUNTS);
        assertThat(count("SELECT COUNT(*) FROM inbox_event WHERE status <> 'DONE'")).isZero();
        // written once: each delivered outbox row reached its vendor exactly once
        assertThat(FAKES.salesforceRecords("PATCH")).hasSize(count("SELECT COUNT(*) FROM outbox WHERE channel = 'salesforce'"));
        assertThat(FAKES.zendeskOrganizations()).hasSize(count("SELECT COUNT(*) FROM outbox WHERE channel = 'zendesk'"));
        List<Map<String, String>> posts = FAKES.slackCalls(VendorFakes.POST_MESSAGE);
        assertThat(posts).hasSize(count("SELECT COUNT(*) FROM outbox WHERE channel = 'slack'"));
        assertThat(posts).as("one alert per account entering Red").hasSizeGreaterThan(1);

        // Zendesk: both nodes together within the requests per minute. The budget counts when it grants a
        // request; on a loaded machine the request may reach the fake seconds later, so a window of 55 s is
        // counted (without the shared budget each node would send its own 6 in the first minute: 12)
        List<Instant> zendesk = new ArrayList<>();
        for (var zd : FAKES.zendesks) for (ServeEvent e : zd.getAllServeEvents()) zendesk.add(e.getRequest().getLoggedDate().toInstant());
        LOG.info(() -> zendesk.size() + " Zendesk requests from both nodes");
        assertThat(zendesk.size()).as("the budget was needed: more requests than one minute allows").isGreaterThan(ZENDESK_PER_MINUTE);
        assertThat(mostInAnyWindow(zendesk, Duration.ofSeconds(55))).isLessThanOrEqualTo(ZENDESK_PER_MINUTE);
        // Slack: one message per second per channel from both nodes together; counted over 10 s windows, with
        // two allowed for the way from the budget to the fake (two nodes each at one a second would post 20)
        Map<String, List<Instant>> byChannel = new HashMap<>();
        for (ServeEvent e : FAKES.slack.getAllServeEvents()) {
            if (!e.getRequest().getUrl().equals(VendorFakes.POST_MESSAGE)) continue;
            String channel = VendorFakes.form(e.getRequest().getBodyAsString()).get("channel");
            byChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(e.getRequest().getLoggedDate().toInstant());
        }
        for (var entry : byChannel.entrySet()) {
            assertThat(mostInAnyWindow(entry.getValue(), Duration.ofSeconds(10))).as("posts to " + entry.getKey() + " in any 10 s")
                    .isLessThanOrEqualTo(12);
        }
    }

    @Test
    @Order(2)
    void eachNodesMetricsCountWhatItDidAndTheNodesSumToTheCluster() {
        String bad = UsageMessages.batch(List.of(UsageMessages.track("m-bad", "nobody", "Report Viewed", Instant.now())));
        assertThat(nodeA.send(HttpRequest.newBuilder(URI.create(nodeA.base() + "/hooks/usage"))
                .header("Content-Type", "application/json").header("X-Signature", "0000")
                .POST(HttpRequest.BodyPublishers.ofString(bad)).build()).status()).isEqualTo(401);
        String a = nodeA.metrics();
        String b = nodeB.metrics();
        LOG.info(() -> "node A /metrics:\n" + a);

        // each notification was delivered to both nodes: each acknowledged it once; the cluster applied it once
        assertThat(sum(a, "csbridge_events_accepted_total", "source=\"salesforce\"")).isEqualTo(ACCOUNTS);
        assertThat(sum(b, "csbridge_events_accepted_total", "source=\"salesforce\"")).isEqualTo(ACCOUNTS);
        assertThat(sum(a, "csbridge_events_applied_total", "") + sum(b, "csbridge_events_applied_total", "")).isEqualTo(ACCOUNTS);
        assertThat(sum(a, "csbridge_events_rejected_total", "source=\"usage\"")).isEqualTo(1);
        assertThat(sum(b, "csbridge_events_rejected_total", "source=\"usage\"")).isZero();
        // every write the vendors answered, counted by the node that made the call
        int salesforceWrites = count("SELECT COUNT(*) FROM outbox WHERE channel = 'salesforce'");
        assertThat(sum(a, "csbridge_vendor_calls_total", "outcome=\"DELIVERED\",vendor=\"salesforce\"")
                + sum(b, "csbridge_vendor_calls_total", "outcome=\"DELIVERED\",vendor=\"salesforce\"")).isEqualTo(salesforceWrites);
        // the database's figures are the cluster's, the same on each node
        assertThat(sum(a, "csbridge_outbox_writes", "channel=\"salesforce\",status=\"delivered\"")).isEqualTo(salesforceWrites);
        assertThat(sum(b, "csbridge_outbox_writes", "channel=\"salesforce\",status=\"delivered\"")).isEqualTo(salesforceWrites);
        assertThat(sum(a, "csbridge_events_waiting", "")).isZero();
        assertThat(a).contains("csbridge_events_oldest_age_seconds").contains("csbridge_salesforce_api_used");
        // backfill progress: every kind and source from the start, at 0 while none ran
        for (String source : List.of("salesforce", "zendesk")) {
            String labels = "kind=\"backfill\",source=\"" + source + "\"";
            assertThat(series(a, "csbridge_job_work_done", labels)).isEqualTo(1);
            assertThat(series(a, "csbridge_job_work_planned", labels)).isEqualTo(1);
            assertThat(series(a, "csbridge_job_records_processed", labels)).as("one per state").isEqualTo(4);
            assertThat(series(a, "csbridge_jobs", labels + ",state=\"finished\"")).isEqualTo(1);
            assertThat(sum(a, "csbridge_jobs", labels)).isZero();
        }
        assertThat(series(b, "csbridge_jobs", "kind=\"usage-file\",source=\"usage-file\",state=\"cancelled\"")).isEqualTo(1);
    }

    @Test
    @Order(3)
    void eachNodePushesTheSameMetricsThroughOtlpWhenTheEndpointIsSet() {
        // OTLP/HTTP protobuf bodies hold the meters' and the resource's names as plain strings
        awaitTrue("both nodes' csbridge meters at the receiver", Duration.ofSeconds(60), () -> {
            String pushed = otlpBodies();
            return pushed.contains("node-a") && pushed.contains("node-b") && pushed.contains("csbridge.events.accepted");
        });
        String pushed = otlpBodies();
        assertThat(pushed).contains("csbridge.events.applied", "csbridge.events.waiting", "csbridge.outbox.writes",
                "csbridge.vendor.calls", "csbridge.jobs", "csbridge.job.records.processed", "csbridge.job.work.planned", "cs-bridge");
        assertThat(pushed).as("no secret leaves through OTLP").doesNotContain(OUTBOUND_TOKEN, "xoxb-it-bot-token",
                "it-zendesk-api-token", "it-salesforce-client-secret", "it-slack-signing-secret", CsBridgeClient.ADMIN_PASSWORD);
        for (ServeEvent e : OTLP.getAllServeEvents()) {
            if (!e.getRequest().getUrl().equals("/v1/metrics")) continue;
            assertThat(e.getRequest().getHeader("Content-Type")).isEqualTo("application/x-protobuf");
        }
    }

    @Test
    @Order(4)
    void aModelSavedThroughNodeAIsInForceOnNodeBWithinSeconds() throws Exception {
        CsBridgeClient.Answer before = nodeB.admin("/model");
        String config = before.json().get("config").toString();
        CsBridgeClient.Answer saved = nodeA.send(HttpRequest.newBuilder(URI.create(nodeA.base() + "/admin/api/model?note=cluster"))
                .header("Authorization", nodeA.basic()).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(config)).build());
        assertThat(saved.status()).as(saved.body()).isBetween(200, 299);
        String version = nodeA.admin("/model").json().get("version").asText();
        assertThat(version).isNotEqualTo(before.json().get("version").asText());

        awaitTrue("node B scoring with version " + version, Duration.ofSeconds(10),
                () -> nodeB.admin("/model").json().get("version").asText().equals(version));
    }

    @Test
    @Order(5)
    void aJobStartedOnNodeAIsReadAndCancelledOnNodeB() throws Exception {
        manyAccounts();
        JsonNode started = startRescore(nodeA);
        long id = started.get("id").asLong();
        JsonNode seen = nodeB.admin("/jobs/" + id).json();
        assertThat(seen.get("kind").asText()).isEqualTo("rescore");
        assertThat(seen.get("state").asText()).isEqualTo("running");
        assertThat(seen.get("node").asText()).as("run by the node that started it").startsWith("node-a/");

        CsBridgeClient.Answer cancel = nodeB.send(HttpRequest.newBuilder(URI.create(nodeB.base() + "/admin/api/jobs/" + id))
                .header("Authorization", nodeB.basic()).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(200);
        awaitTrue("job " + id + " cancelled", Duration.ofSeconds(60),
                () -> "cancelled".equals(nodeB.admin("/jobs/" + id).json().get("state").asText()));
        JsonNode ended = nodeA.admin("/jobs/" + id).json();
        assertThat(ended.get("state").asText()).isEqualTo("cancelled");
        long processed = ended.get("processed").asLong();
        assertThat(processed).as("stopped before the end").isLessThan(ended.get("total").asLong());
        assertThat(text("SELECT owner_node FROM job WHERE id = " + id)).startsWith("node-a/");

        // the job table's figures are the cluster's: the same on both nodes (read at most every 5 s)
        String cancelled = "kind=\"rescore\",source=\"\",state=\"cancelled\"";
        awaitTrue("the cancelled rescore in both nodes' /metrics", Duration.ofSeconds(15), () ->
                sum(nodeA.metrics(), "csbridge_jobs", cancelled) == 1 && sum(nodeB.metrics(), "csbridge_jobs", cancelled) == 1);
        assertThat(sum(nodeB.metrics(), "csbridge_job_records_processed", cancelled)).isEqualTo(processed);
    }

    @Test
    @Order(6)
    void whenTheNodeRunningTheDailyRescoreAndARescoreJobIsKilledTheOtherFinishesBoth() throws Exception {
        manyAccounts();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        try (Connection c = database(); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM scheduled_run WHERE name = 'daily-rescore'"); // today is due again
        }
        String[] owner = new String[1];
        awaitTrue("a node running today's rescore", Duration.ofSeconds(30), () -> {
            owner[0] = text("SELECT owner FROM scheduled_run WHERE name = 'daily-rescore' AND finished_at IS NULL");
            return owner[0] != null;
        });
        WildFlyNode running = owner[0].equals("node-a") ? nodeA : nodeB;
        WildFlyNode other = running == nodeA ? nodeB : nodeA;
        // a durable rescore job on the same node, killed mid-job with it (its first checkpoints committed)
        long job = startRescore(running).get("id").asLong();
        awaitTrue("job " + job + " under way on " + running.name(), Duration.ofSeconds(30),
                () -> other.admin("/jobs/" + job).json().get("processed").asLong() > 0);
        running.kill();
        LOG.info(() -> "killed " + owner[0] + " during the daily rescore");
        assertThat(text("SELECT CAST(finished_at AS VARCHAR) FROM scheduled_run WHERE name = 'daily-rescore'"))
                .as("killed before it finished").isNull();

        awaitTrue("today's rescore finished by " + other.name(), Duration.ofSeconds(120),
                () -> text("SELECT owner FROM scheduled_run WHERE name = 'daily-rescore' AND finished_at IS NOT NULL") != null);
        assertThat(text("SELECT owner FROM scheduled_run WHERE name = 'daily-rescore'")).isEqualTo(other.name());
        assertThat(count("SELECT takeovers FROM scheduled_run WHERE name = 'daily-rescore'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM score_history WHERE score_day = DATE '" + today + "'"))
                .as("today's history row for every account").isGreaterThanOrEqualTo(RESCORE_ACCOUNTS);

        // the job: taken over once its lease ran out, resumed from its checkpoint, finished by the other node
        awaitTrue("job " + job + " finished by " + other.name(), Duration.ofSeconds(120),
                () -> "finished".equals(other.admin("/jobs/" + job).json().get("state").asText()));
        JsonNode finished = other.admin("/jobs/" + job).json();
        assertThat(finished.get("node").asText()).startsWith(other.name() + "/");
        assertThat(finished.get("done").asLong()).isEqualTo(finished.get("total").asLong());
        assertThat(finished.get("total").asLong()).isGreaterThanOrEqualTo(RESCORE_ACCOUNTS);
        assertThat(finished.path("error").isNull() || finished.path("error").isMissingNode()).as("no error").isTrue();
        String done = "kind=\"rescore\",source=\"\",state=\"finished\"";
        awaitTrue("the finished rescore in the survivor's /metrics", Duration.ofSeconds(15),
                () -> sum(other.metrics(), "csbridge_jobs", done) >= 1 && sum(other.metrics(), "csbridge_job_records_processed", done)
                        >= finished.get("processed").asLong());
    }

    /** Enough accounts for a rescore that lasts a while (created once, through both nodes). */
    static void manyAccounts() {
        if (manyAccounts) return;
        Instant at = Instant.now().minusSeconds(3600);
        for (int b = 0; b < 4; b++) {
            List<String> messages = new ArrayList<>();
            for (int i = 0; i < RESCORE_ACCOUNTS / 4; i++) {
                String id = "cluster-" + b + "-" + i;
                messages.add("""
                        {"type":"group","messageId":"g-%s","groupId":"%s","userId":"u-%s","timestamp":"%s",
                         "traits":{"name":"Rescore Co %s","domain":"%s.example"}}""".formatted(id, id, id, at, id, id));
            }
            WildFlyNode node = b % 2 == 0 ? nodeA : nodeB;
            String body = UsageMessages.batch(messages);
            assertThat(node.send(HttpRequest.newBuilder(URI.create(node.base() + "/hooks/usage"))
                    .header("Content-Type", "application/json").header("X-Signature", CsBridgeClient.sign(body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build()).status()).isEqualTo(200);
        }
        awaitTrue("every account created", Duration.ofSeconds(150),
                () -> count("SELECT COUNT(*) FROM inbox_event WHERE status = 'NEW'") == 0);
        manyAccounts = true;
    }

    /** {@code POST /admin/api/jobs/rescore} on {@code node}: the job as it answers. */
    static JsonNode startRescore(WildFlyNode node) {
        CsBridgeClient.Answer started = node.send(HttpRequest.newBuilder(URI.create(node.base() + "/admin/api/jobs/rescore"))
                .header("Authorization", node.basic()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(started.status()).as(started.body()).isBetween(200, 299);
        return started.json();
    }

    /** Every OTLP body the receiver got, as Latin-1 text (the protobuf's strings are readable in it). */
    static String otlpBodies() {
        StringBuilder out = new StringBuilder();
        for (ServeEvent e : OTLP.getAllServeEvents()) out.append(new String(e.getRequest().getBody(), StandardCharsets.ISO_8859_1));
        return out.toString();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    static String sfId(int i) {
        return String.format("001IT00000CL%03dAAA", i);
    }

    static String owner(int i) {
        return String.format("005IT00000OW%03dAAA", i);
    }

    static int outboundMessage(WildFlyNode node, byte[] body) {
        return node.send(HttpRequest.newBuilder(URI.create(node.base() + "/hooks/salesforce?token=" + OUTBOUND_TOKEN))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build()).status();
    }

    static long distinct(List<com.fasterxml.jackson.databind.JsonNode> records, String field) {
        return records.stream().map(r -> r.path(field).asText()).distinct().count();
    }

    static long distinctZendesk() {
        return FAKES.zendeskOrganizations().stream().map(o -> o.path("id").asLong()).distinct().count();
    }

    /** The sum of the samples of {@code name} whose labels contain {@code labels} (Prometheus text format). */
    static long sum(String scrape, String name, String labels) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#") || !(line.startsWith(name + "{") || line.startsWith(name + " "))) continue;
            String series = line.substring(0, line.lastIndexOf(' '));
            if (!series.replace(" ", "").contains(labels)) continue;
            total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return Math.round(total);
    }

    /** How many series of {@code name} have labels containing {@code labels}. */
    static int series(String scrape, String name, String labels) {
        int n = 0;
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + "{") && line.substring(0, line.lastIndexOf(' ')).replace(" ", "").contains(labels)) n++;
        }
        return n;
    }

    /** The most instants that fall within any window of {@code width}. */
    static int mostInAnyWindow(List<Instant> instants, Duration width) {
        List<Instant> sorted = instants.stream().sorted().toList();
        int most = 0;
        for (int i = 0, j = 0; i < sorted.size(); i++) {
            while (Duration.between(sorted.get(j), sorted.get(i)).compareTo(width) >= 0) j++;
            most = Math.max(most, i - j + 1);
        }
        return most;
    }

    static Connection database() throws Exception {
        return DriverManager.getConnection(System.getenv("DB_URL"), System.getenv("DB_USER"), System.getenv("DB_PASSWORD"));
    }

    static int count(String sql) {
        String value = text(sql);
        return value == null ? 0 : Integer.parseInt(value);
    }

    static String text(String sql) {
        try (Connection c = database(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    static void awaitTrue(String what, Duration within, BooleanSupplier probe) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (probe.getAsBoolean()) return;
            CsBridgeClient.sleep(100);
        }
        throw new AssertionError("not seen within " + within.toSeconds() + " s: " + what);
    }

    static String basicAuth() {
        return "Basic " + Base64.getEncoder().encodeToString((CsBridgeClient.ADMIN + ":" + CsBridgeClient.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
    }
}
