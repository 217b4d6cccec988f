package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Durable jobs on a server with a database of its own: a newcomer loads the shipped sample data from the
 * Integrations page of an empty CS Bridge and the accounts page then shows Green, Yellow and Red accounts with
 * their reasons, exactly as the API says; an import killed with SIGKILL halfway resumes after the restart
 * from its checkpoint, with not one line lost or counted twice; and a 200 MB gzip history with bad lines goes
 * through this server's 256 MB heap (the upload and the import both stream).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DurableJobsIT {

    private static final Logger LOG = Logger.getLogger(DurableJobsIT.class.getName());
    static final String CONTAINER = "wildfly-jobs";

    @ArquillianResource
    ContainerController controller;
    @ArquillianResource
    Deployer deployer;

    final CsBridgeClient client = new CsBridgeClient();
    final List<WebDriver> browsers = new ArrayList<>();

    @Deployment(name = "ear", managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    @Order(1)
    void sampleDataLoadedFromTheIntegrationsPageShowsGreenYellowAndRedAccountsWithReasonsAsTheApiSays() throws Exception {
        // The sample is offered only on an empty database. On H2 this server has a database of its own; with
        // DB_URL (CI's PostgreSQL run) every server of the build shares one database that the suite has filled,
        // so this case runs on the embedded database only. The import killed with SIGKILL (next) runs on both.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("DB_URL") == null,
                "needs an empty database: with DB_URL the build's servers share one that the suite has filled");
        controller.start(CONTAINER);
        deployer.deploy("ear");
        assertThat(client.admin("/imports/sample").json().get("offered").asBoolean()).as("offered on an empty database").isTrue();

        WebDriver browser = AdminUiBrowserIT.chromium("en-US");
        browsers.add(browser);
        AdminUiBrowserIT.logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        browser.get(AdminUiBrowserIT.ADMIN_UI + "integrations.html");
        AdminUiBrowserIT.awaitReady(browser);
        WebElement load = AdminUiBrowserIT.await(browser, b -> b.findElement(By.id("load-sample")).isDisplayed()
                ? b.findElement(By.id("load-sample")) : null);
        AdminUiBrowserIT.screenshot(browser, "integrations-empty-with-sample-offer");
        load.click();

        // The job's progress bar, until it is finished; then the sample is no longer offered.
        JsonNode job = client.awaitAdmin("/jobs", a -> a.json().get("items").size() == 1
                && "finished".equals(a.json().get("items").get(0).get("state").asText()), 180).json().get("items").get(0);
        assertThat(job.get("kind").asText()).isEqualTo("usage-file");
        String id = job.get("id").asText();
        AdminUiBrowserIT.await(browser, b -> "finished".equals(b.findElement(By.cssSelector("[data-job-state='" + id + "']")).getText()) ? true : null);
        WebElement bar = browser.findElement(By.cssSelector("[data-job-progress='" + id + "']"));
        assertThat(bar.getAttribute("value")).isEqualTo(bar.getAttribute("max"));
        JsonNode imported = client.admin("/backfills/" + id).json();
        assertThat(imported.at("/counts/rejected").asLong()).as(imported.toString()).isZero();
        assertThat(imported.at("/counts/accepted").asLong()).isEqualTo(imported.get("processed").asLong()).isGreaterThan(10_000);
        assertThat(client.admin("/imports/sample").json().get("offered").asBoolean()).as("off once data exists").isFalse();
        assertThat(client.send(UsageHistory.post("/admin/api/imports/sample", "{}")).status()).isEqualTo(409);
        AdminUiBrowserIT.screenshot(browser, "integrations-sample-loaded");

        // Every event applied, every account scored: the accounts page shows what the API says.
        client.awaitAdmin("/pipeline", a -> a.json().at("/inbox/new").asInt() == 0, 180);
        JsonNode accounts = client.awaitAdmin("/accounts?limit=100", a -> a.json().get("total").asInt() == 36, 60).json();
        Map<String, String> bands = new HashMap<>();
        Map<String, String> reasons = new HashMap<>();
        for (JsonNode a : accounts.get("items")) {
            bands.put(a.get("id").asText(), a.get("band").asText());
            reasons.put(a.get("id").asText(), a.get("drivers").get(0).get("explanation").asText());
        }
        LOG.info(() -> "sample bands: " + bands);
        assertThat(new TreeSet<>(bands.values())).as(bands.toString()).containsAll(Set.of("Green", "Yellow", "Red"));

        for (String band : List.of("Green", "Yellow", "Red")) {
            long inBand = bands.values().stream().filter(band::equals).count();
            browser.get(AdminUiBrowserIT.ADMIN_UI + "accounts.html?band=" + band);
            AdminUiBrowserIT.awaitReady(browser);
            AdminUiBrowserIT.await(browser, b -> b.findElements(By.cssSelector("#accounts-table [data-account]")).size()
                    == Math.min(25, inBand) ? true : null);
            AdminUiBrowserIT.screenshot(browser, "accounts-sample-" + band.toLowerCase());
            for (WebElement row : browser.findElements(By.cssSelector("#accounts-table tbody tr"))) {
                String account = row.findElement(By.cssSelector("[data-account]")).getAttribute("data-account");
                List<WebElement> cells = row.findElements(By.tagName("td"));
                assertThat(cells.get(1).getText().trim()).as(account).isEqualTo(bands.get(account)).isEqualTo(band);
                assertThat(cells.get(cells.size() - 1).getText().trim()).as(account).isEqualTo(reasons.get(account)).isNotBlank();
            }
        }

        // A person imports a history file with the upload form; the page reports what the API does.
        UsageHistory file = new UsageHistory("form", 3_000, 5, 1_000, Instant.now().minus(Duration.ofDays(20)));
        Path upload = Files.createTempFile("history-", ".ndjson.gz");
        Files.write(upload, file.gzip);
        browser.get(AdminUiBrowserIT.ADMIN_UI + "integrations.html");
        AdminUiBrowserIT.awaitReady(browser);
        browser.findElement(By.id("import-file")).sendKeys(upload.toString());
        browser.findElement(By.cssSelector("#import-form button[type=submit]")).click();
        WebElement result = new WebDriverWait(browser, Duration.ofSeconds(120)).until(b ->
                b.findElements(By.cssSelector("[data-import-result]")).stream().filter(e -> !"1".equals(e.getAttribute("data-import-result")))
                        .findFirst().orElse(null));
        String formJob = result.getAttribute("data-import-result");
        JsonNode fromForm = client.admin("/backfills/" + formJob).json();
        assertThat(fromForm.get("state").asText()).isEqualTo("DONE");
        assertThat(fromForm.at("/counts/accepted").asLong()).isEqualTo(3_000);
        assertThat(result.getText()).contains("3,000 new", "0 already known", fromForm.at("/counts/rejected").asLong() + " bad lines skipped");
        List<WebElement> skipped = browser.findElements(By.cssSelector("#import-result tbody tr"));
        assertThat(skipped).hasSize(3);
        assertThat(skipped.get(0).findElements(By.tagName("td")).get(0).getText()).isEqualTo(fromForm.at("/rejected/0/line").asText());
        AdminUiBrowserIT.screenshot(browser, "integrations-import-result");

        // A long import is cancelled with its row's Cancel button.
        UsageHistory longer = new UsageHistory("cancel", 60_000, 5, 0, Instant.now().minus(Duration.ofDays(20)));
        String running = client.send(longer.upload()).json().get("id").asText();
        browser.get(AdminUiBrowserIT.ADMIN_UI + "integrations.html");
        AdminUiBrowserIT.awaitReady(browser);
        // The list re-renders as it polls: find and click in one step, again if the button was replaced meanwhile.
        AdminUiBrowserIT.await(browser, b -> {
            b.findElement(By.cssSelector("[data-cancel-job='" + running + "']")).click();
            return true;
        });
        JsonNode cancelled = client.awaitAdmin("/backfills/" + running, a -> !"RUNNING".equals(a.json().path("state").asText()), 60).json();
        assertThat(cancelled.get("state").asText()).isEqualTo("CANCELLED");
        AdminUiBrowserIT.await(browser, b -> "cancelled".equals(b.findElement(By.cssSelector("[data-job-state='" + running + "']")).getText()) ? true : null);
        AdminUiBrowserIT.screenshot(browser, "integrations-import-cancelled");
    }

    @Test
    @Order(2)
    void anImportKilledWithSigkillHalfwayResumesAfterTheRestartLosingAndDoublingNothing() throws Exception {
        if (client.admin("/pipeline").status() != 200) {
            controller.start(CONTAINER);
            deployer.deploy("ear");
        }
        UsageHistory history = new UsageHistory("kill", 120_000, 40, 10_000, Instant.now().minus(Duration.ofDays(90)));
        CsBridgeClient.Answer accepted = client.send(history.upload());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String id = accepted.json().get("id").asText();
        client.awaitAdmin("/backfills/" + id, a -> a.json().get("processed").asLong() >= 10_000, 120);
        JsonNode before = client.admin("/backfills/" + id).json();
        assertThat(before.get("state").asText()).as("still running when killed").isEqualTo("RUNNING");

        killServerWithSigkill();
        controller.kill(CONTAINER);
        controller.start(CONTAINER);

        JsonNode done = client.awaitAdmin("/backfills/" + id, a -> a.status() == 200
                && !"RUNNING".equals(a.json().path("state").asText()), 240).json();
        LOG.info(() -> "killed at " + before.get("processed") + " lines; after the restart: " + done);
        assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(before.get("processed").asLong()).isLessThan(done.get("processed").asLong());
        assertThat(done.get("processed").asLong()).isEqualTo(120_000 + history.bad);
        assertThat(done.at("/counts/accepted").asLong()).as("every line once").isEqualTo(120_000);
        assertThat(done.at("/counts/duplicates").asLong()).as("none twice").isZero();
        assertThat(done.at("/counts/rejected").asLong()).isEqualTo(history.bad).isEqualTo(12);
    }

    @Test
    @Order(3)
    void a200MegabyteGzipHistoryWithBadLinesGoesThroughAServerWithA256MegabyteHeap() throws Exception {
        if (client.admin("/pipeline").status() != 200) {
            controller.start(CONTAINER);
            deployer.deploy("ear");
        }
        assertThat(serverCommandLine()).as("the server's heap (arquillian.xml, wildfly-jobs)").contains("-Xmx256m");
        String run = "big" + java.util.UUID.randomUUID().toString().substring(0, 6);
        Path target = Path.of(System.getProperty("jboss.home")).getParent().resolve("large-imports");
        LargeUsageFile history = new LargeUsageFile(target.resolve(run + ".ndjson.gz"), run, 200L << 20, 50,
                Instant.now().minus(Duration.ofDays(60)));
        try {
            long began = System.nanoTime();
            CsBridgeClient.Answer accepted = client.send(history.upload());
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            String id = accepted.json().get("id").asText();
            JsonNode done = client.awaitAdmin("/backfills/" + id, a -> a.status() == 200
                    && !"RUNNING".equals(a.json().path("state").asText()), 900).json();
            double seconds = (System.nanoTime() - began) / 1e9;
            LOG.info(() -> String.format("imported %,d bytes gzip, %d lines (%d bad) in %.1f s: %.0f messages/s, %.1f MB/s of gzip",
                    history.bytes, history.good + history.bad, history.bad, seconds, history.good / seconds, history.bytes / 1e6 / seconds));
            assertThat(history.bytes).isGreaterThanOrEqualTo(200L << 20);
            assertThat(done.get("state").asText()).as(done.toString()).isEqualTo("DONE");
            assertThat(done.get("processed").asLong()).isEqualTo(history.good + history.bad);
            assertThat(done.at("/counts/accepted").asLong()).as("every good line once").isEqualTo(history.good);
            assertThat(done.at("/counts/duplicates").asLong()).isZero();
            assertThat(done.at("/counts/rejected").asLong()).isEqualTo(history.bad).isGreaterThanOrEqualTo(3);
            assertThat(done.get("rejected").findValues("line").stream().map(JsonNode::asLong).toList())
                    .as("bad lines by number").isEqualTo(history.badLines.subList(0, done.get("rejected").size()));
            assertThat(done.get("rejected").get(2).get("error").asText()).contains("longer than");
            assertThat(done.at("/progress/done").asLong()).isEqualTo(done.at("/progress/total").asLong()).isEqualTo(history.bytes);
            // Every imported event applied before the server stops: with DB_URL the next suite's server shares this
            // database, and would otherwise create this file's accounts in the middle of its own counts.
            long applying = System.nanoTime();
            CsBridgeClient.Answer pipeline = client.awaitAdmin("/pipeline", a -> a.status() == 200 && a.json().at("/inbox/new").asInt() == 0, 600);
            LOG.info(() -> String.format("applied in %.1f s more: %s", (System.nanoTime() - applying) / 1e9, pipeline.body()));
            assertThat(pipeline.json().at("/inbox/new").asInt()).as("the imported events applied").isZero();
        } finally {
            Files.deleteIfExists(history.file);
            deployer.undeploy("ear");
            controller.stop(CONTAINER);
        }
    }

    private static String serverCommandLine() throws Exception {
        String home = new File(System.getProperty("jboss.home")).getCanonicalPath();
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains("jboss-modules.jar") && c.contains(home)).findFirst().orElse("");
    }

    /** A real kill -9 of this checkout's WildFly JVM: no shutdown hooks, no graceful undeploy. */
    static void killServerWithSigkill() throws Exception {
        String home = new File(System.getProperty("jboss.home")).getCanonicalPath();
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar") && c.contains(home)).orElse(false))
                .toList();
        assertThat(servers).as("running WildFly under " + home).isNotEmpty();
        for (ProcessHandle server : servers) {
            server.destroyForcibly();
            server.onExit().get(30, TimeUnit.SECONDS);
        }
    }
}
