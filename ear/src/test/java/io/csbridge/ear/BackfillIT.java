package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Backfill and reconciliation through the real EAR, with both connectors LIVE against WireMock fakes on
 * dynamic ports (container {@code wildfly-backfill}, started by the test with the fakes' URLs): 5,000
 * Accounts through a Bulk API 2.0 job and 20,000 tickets through the cursor export, the server killed
 * with SIGKILL in the middle of both and started again, with exact counts; the accounts' health written
 * back in sObject Collections of 200 within the write budget; a repeated backfill and a webhook for a
 * backfilled ticket counted once; and a change in Salesforce that no webhook told appearing after one
 * (shortened, 6 s) reconciliation period.
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly-backfill",
        disabledReason = "runs in the failsafe execution 'backfill' (its own server with live connectors on the fakes)")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackfillIT {

    private static final Logger LOG = Logger.getLogger(BackfillIT.class.getName());
    static final String CONTAINER = "wildfly-backfill";
    static final String TRIGGER_SECRET = "it-zendesk-trigger-secret";
    static final BackfillFakes FAKES = new BackfillFakes();

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    final CsBridgeClient client = new CsBridgeClient();

    @Deployment(name = "ear", managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @BeforeAll
    static void vendorsFirst() throws IOException {
        Path data = Path.of(System.getProperty("jboss.home"), "standalone", "data", "csbridge-it-backfill");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        FAKES.start();
    }

    @AfterAll
    static void vendorsLast() {
        FAKES.stop();
    }

    private void serverUp() {
        if (controller.isStarted(CONTAINER)) return;
        controller.start(CONTAINER, Map.of("javaVmArguments", serverArguments()));
        deployer.deploy("ear");
    }

    /** After a SIGKILL: the same server started again, its deployment still registered (no redeploy). */
    private void restartAfterKill() {
        controller.kill(CONTAINER);
        controller.start(CONTAINER, Map.of("javaVmArguments", serverArguments()));
    }

    private static String serverArguments() {
        return "-Djboss.socket.binding.port-offset=" + Integer.getInteger("it.port-offset", 0)
                + " -Xms256m -Xmx1g -Djava.net.preferIPv4Stack=true"
                + " -Dcsbridge.h2.dir=" + System.getProperty("jboss.home") + "/standalone/data/csbridge-it-backfill"
                + " -DADMIN_USER=it-admin -DADMIN_PASSWORD=it-admin-password -Dusage.webhook-secret=it-usage-secret"
                + " -Dzendesk.webhook-secret=" + TRIGGER_SECRET
                + " -Dsalesforce.login-url=" + FAKES.salesforce.baseUrl()
                + " -Dsalesforce.client-id=it-salesforce-client -Dsalesforce.client-secret=it-salesforce-client-secret"
                + " -Dsalesforce.bulk-poll-seconds=0.2 -Dsalesforce.reconcile-minutes=0.1 -Dsalesforce.timeout-seconds=120"
                + " -Dzendesk.url=" + FAKES.zendesk.baseUrl() + " -Dzendesk.email=it@csbridge.example -Dzendesk.api-token=it-zendesk-api-token"
                + " -Dzendesk.reconcile-minutes=0.1";
    }

    CsBridgeClient.Answer post(String path, String json) {
        String auth = Base64.getEncoder().encodeToString("it-admin:it-admin-password".getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api" + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    JsonNode awaitDone(String id) {
        CsBridgeClient.Answer done = client.awaitAdmin("/backfills/" + id, a -> a.status() == 200
                && !a.json().path("state").asText().equals("RUNNING"), 420);
        assertThat(done.json().path("state").asText()).as(done.body()).isEqualTo("DONE");
        return done.json();
    }

    @Test
    @Order(1)
    void aBackfillKilledWithSigkillHalfwayCompletesAfterTheRestartReadingEveryRecordExactlyOnce() throws Exception {
        serverUp();
        // With DB_URL the build's servers share one database, which earlier suites have filled.
        int before = client.admin("/accounts?limit=1").json().path("total").asInt();
        assertThat(post("/backfills", "{\"source\":\"oracle\"}").status()).isEqualTo(400);
        assertThat(post("/backfills", "{\"source\":\"salesforce\",\"since\":\"last year\"}").status()).isEqualTo(400);

        long began = System.nanoTime();
        CsBridgeClient.Answer salesforce = post("/backfills", "{\"source\":\"salesforce\",\"since\":\"" + BackfillFakes.SINCE + "\"}");
        assertThat(salesforce.status()).as(salesforce.body()).isEqualTo(202);
        assertThat(salesforce.json().path("state").asText()).isEqualTo("RUNNING");
        CsBridgeClient.Answer again = post("/backfills", "{\"source\":\"salesforce\"}");
        assertThat(again.status()).as("one backfill of a source at a time: " + again.body()).isEqualTo(409);
        CsBridgeClient.Answer zendesk = post("/backfills", "{\"source\":\"zendesk\",\"since\":\"" + BackfillFakes.SINCE + "\"}");
        assertThat(zendesk.status()).as(zendesk.body()).isEqualTo(202);
        String sfId = salesforce.json().path("id").asText();
        String zdId = zendesk.json().path("id").asText();

        // kill -9 in the middle of both: Salesforce has its first CSV chunk in (the second is slow), Zendesk a few pages.
        JsonNode sfKilled = client.awaitAdmin("/backfills/" + sfId, a -> a.json().path("processed").asLong() >= 2000, 120).json();
        JsonNode zdKilled = client.awaitAdmin("/backfills/" + zdId, a -> a.json().path("processed").asLong() >= 5000, 180).json();
        sfKilled = client.admin("/backfills/" + sfId).json();
        assertThat(sfKilled.path("state").asText()).as("Salesforce still running when killed: " + sfKilled).isEqualTo("RUNNING");
        assertThat(zdKilled.path("state").asText()).as("Zendesk still running when killed: " + zdKilled).isEqualTo("RUNNING");
        DurableJobsIT.killServerWithSigkill();
        restartAfterKill();

        JsonNode sf = awaitDone(sfId);
        long sfProcessed = sfKilled.path("processed").asLong();
        long zdProcessed = zdKilled.path("processed").asLong();
        assertThat(sfProcessed).as("killed while the Accounts were read").isLessThan(BackfillFakes.ACCOUNTS);
        // Salesforce's cursor is inclusive (SystemModstamp >= the last record read: others may share its stamp), so
        // the resumed read reads the last record before the kill once more: processed counts it, the inbox does not.
        assertThat(sf.path("processed").asLong()).as(sf.toString()).isEqualTo(BackfillFakes.ACCOUNTS + BackfillFakes.OPPORTUNITIES + 1);
        assertThat(sf.path("fresh").asLong()).as("none counted twice, none lost: " + sf).isEqualTo(BackfillFakes.ACCOUNTS + BackfillFakes.OPPORTUNITIES);
        JsonNode zd = awaitDone(zdId);
        int zendeskRecords = BackfillFakes.ORGANIZATIONS + BackfillFakes.TICKETS + BackfillFakes.RATINGS;
        assertThat(zdProcessed).isLessThan(zendeskRecords);
        assertThat(zd.path("processed").asLong()).as(zd.toString()).isEqualTo(zendeskRecords);
        assertThat(zd.path("fresh").asLong()).as("none counted twice, none lost: " + zd).isEqualTo(zendeskRecords);
        double seconds = (System.nanoTime() - began) / 1e9;
        LOG.info(() -> String.format("killed at %d Salesforce and %d Zendesk records; after the restart: %s / %s; %.0f s in all",
                sfProcessed, zdProcessed, sf, zd, seconds));

        CsBridgeClient.Answer accounts = client.awaitAdmin("/accounts?limit=1", a -> a.status() == 200
                && a.json().path("total").asInt() == before + BackfillFakes.ACCOUNTS + BackfillFakes.ORGANIZATIONS, 180);
        assertThat(accounts.json().path("total").asInt()).as(accounts.body())
                .isEqualTo(before + BackfillFakes.ACCOUNTS + BackfillFakes.ORGANIZATIONS);
        JsonNode quoted = client.admin("/accounts/" + BackfillFakes.accountId(100)).json();
        assertThat(quoted.path("name").asText()).isEqualTo("Customer 100, \"Ltd\"\nWest");
    }

    @Test
    @Order(2)
    void theBackfilledAccountsHealthGoesBackToSalesforceInCollectionsOf200WithinTheWriteBudget() {
        serverUp();
        client.awaitAdmin("/pipeline", a -> FAKES.accountsWritten() >= BackfillFakes.ACCOUNTS, 300);
        CsBridgeClient.sleep(5_000); // anything still lingering in the outbox goes out
        List<ServeEvent> writes = FAKES.salesforceWrites();
        long budget = (BackfillFakes.ACCOUNTS + BackfillFakes.COLLECTION_BATCH - 1) / BackfillFakes.COLLECTION_BATCH + 5;
        LOG.info(() -> "Salesforce write calls after backfilling " + BackfillFakes.ACCOUNTS + " Accounts: " + writes.size()
                + " (budget " + budget + "), accounts written " + FAKES.accountsWritten());
        assertThat(FAKES.accountsWritten()).isEqualTo(BackfillFakes.ACCOUNTS);
        assertThat(writes).as("sObject Collections calls for %d accounts", BackfillFakes.ACCOUNTS).hasSizeLessThanOrEqualTo((int) budget);
    }

    @Test
    @Order(3)
    void aRepeatedBackfillAndAWebhookForABackfilledTicketCountOnce() {
        serverUp();
        CsBridgeClient.Answer repeat = post("/backfills", "{\"source\":\"salesforce\",\"since\":\"" + BackfillFakes.SINCE + "\"}");
        assertThat(repeat.status()).as(repeat.body()).isEqualTo(202);
        JsonNode done = awaitDone(repeat.json().path("id").asText());
        assertThat(done.path("processed").asLong()).isEqualTo(BackfillFakes.ACCOUNTS + BackfillFakes.OPPORTUNITIES);
        assertThat(done.path("fresh").asLong()).as("every record was in already").isZero();

        int ticket = 3; // solved: exported as ticket:3:<updated_at>:solved
        String body = ZendeskWebhookIT.triggerBody("solved", String.valueOf(ticket), "Solved", String.valueOf(BackfillFakes.ORGANIZATION_IDS + ticket % BackfillFakes.ORGANIZATIONS),
                BackfillFakes.TICKET_STAMPS.toString(), BackfillFakes.ticketStamp(ticket));
        CsBridgeClient.Answer hook = client.send(InboundRequests.zendesk(body.getBytes(StandardCharsets.UTF_8), TRIGGER_SECRET,
                String.valueOf(Instant.now().getEpochSecond())));
        assertThat(hook.status()).as(hook.body()).isEqualTo(200);
        assertThat(hook.json().path("accepted").asInt()).isZero();
        assertThat(hook.json().path("duplicates").asInt()).isEqualTo(1);
    }

    @Test
    @Order(4)
    void aChangeNoWebhookToldAppearsAfterOneReconciliationPeriod() {
        serverUp();
        FAKES.renameAccount(42, "Renamed By Reconciliation");
        CsBridgeClient.Answer account = client.awaitAdmin("/accounts/" + BackfillFakes.accountId(42), a -> a.status() == 200
                && a.json().path("name").asText().equals("Renamed By Reconciliation"), 60);
        assertThat(account.json().path("name").asText()).as(account.body()).isEqualTo("Renamed By Reconciliation");
    }
}
