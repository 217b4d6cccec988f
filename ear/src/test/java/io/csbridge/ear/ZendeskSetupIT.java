package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.connectors.zendesk.FakeZendeskAdmin;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Set up Zendesk" end to end: the admin API and the Integrations page in headless Chromium against a
 * WireMock Zendesk that remembers what is created (Zendesk's documented formats for organization
 * fields, webhooks and triggers). The test points the running server's {@code zendesk.*} settings at
 * the fake (system properties through the management API, removed afterwards).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ZendeskSetupIT {

    static final String SETUP = "/integrations/zendesk/setup";
    static final List<String> PROPERTIES = List.of("zendesk.url", "zendesk.email", "zendesk.api-token");

    @ArquillianResource
    ManagementClient management;

    final CsBridgeClient client = new CsBridgeClient();
    FakeZendeskAdmin zendesk;
    WebDriver browser;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @BeforeEach
    void pointTheServerAtAFakeZendesk() throws IOException {
        // The suite's zendesk.webhook-secret holds both: CS Bridge knows the secrets Zendesk will give.
        // The suite's Zendesk connector is built on first use: build it now, in sandbox mode as the other
        // tests expect, before the settings point at the fake (the setup reads them when it runs).
        assertThat(client.admin("/pipeline").json().path("connectors").path("zendesk").path("mode").asText()).isEqualTo("sandbox");
        zendesk = new FakeZendeskAdmin(Map.of("CS Bridge events", "it-zendesk-events-secret",
                "CS Bridge triggers", "it-zendesk-trigger-secret"), 2);
        systemProperty("zendesk.url", zendesk.url());
        systemProperty("zendesk.email", "admin@it.example");
        systemProperty("zendesk.api-token", "it-zendesk-setup-token");
    }

    @AfterEach
    void putTheServerBack() throws IOException {
        if (browser != null) browser.quit();
        for (String name : PROPERTIES) {
            ModelNode op = operation("remove", name);
            management.getControllerClient().execute(op);
        }
        zendesk.close();
    }

    @Test
    void theFirstRunCreatesFieldsWebhooksAndTriggersAndTheSecondCreatesNothing() {
        JsonNode first = setup("{}", CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD).json();

        assertThat(first.get("failed").asInt()).as("%s", first).isZero();
        assertThat(first.get("created").asInt()).as("4 fields, 2 webhooks, 5 triggers").isEqualTo(11);
        assertThat(first.get("endpoint").asText()).isEqualTo(CsBridgeClient.BASE + "/hooks/zendesk");
        assertThat(zendesk.webhooks()).allMatch(w -> w.get("endpoint").asText().equals(CsBridgeClient.BASE + "/hooks/zendesk"));
        assertThat(zendesk.created("fields") + zendesk.created("webhooks") + zendesk.created("triggers")).isEqualTo(11);

        JsonNode second = setup("{}", CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD).json();

        assertThat(second.get("created").asInt()).as("%s", second).isZero();
        assertThat(second.get("failed").asInt()).isZero();
        assertThat(second.get("exists").asInt()).isEqualTo(first.get("steps").size());
        assertThat(zendesk.created("fields") + zendesk.created("webhooks") + zendesk.created("triggers")).isEqualTo(11);
        assertThat(client.admin("/audit?limit=20").body()).contains("integration.setup");
    }

    @Test
    void aViewerAndABadEndpointAreRefusedAndCreateNothing() {
        String viewer = "zd-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/users", "{\"username\":\"" + viewer + "\",\"password\":\"viewer-password-1\",\"roles\":[\"cs-viewer\"]}",
                CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD).status()).isBetween(200, 201);

        assertThat(setup("{}", viewer, "viewer-password-1").status()).isEqualTo(403);
        CsBridgeClient.Answer bad = setup("{\"endpoint\":\"ftp://evil.example/x\"}", CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").asText()).contains("/hooks/zendesk");
        assertThat(post("/integrations/nowhere/setup", "{}", CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD).status()).isEqualTo(404);

        assertThat(zendesk.server.getAllServeEvents()).as("Zendesk was never called").isEmpty();
    }

    @Test
    void theIntegrationsPageShowsWhatTheApiAnswered() {
        browser = AdminUiBrowserIT.chromium("en-US");
        AdminUiBrowserIT.logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        browser.get(AdminUiBrowserIT.ADMIN_UI + "integrations.html");
        AdminUiBrowserIT.awaitReady(browser);

        List<String> firstRun = clickSetUp();
        assertThat(firstRun).hasSize(13).filteredOn(s -> s.startsWith("created|")).hasSize(11);
        assertThat(firstRun).filteredOn(s -> s.startsWith("failed|")).isEmpty();
        assertThat(browser.findElement(By.id("zendesk-setup-summary")).getText()).startsWith("Created 11, already there 2, failed 0");
        AdminUiBrowserIT.screenshot(browser, "zendesk-setup-first-run");

        JsonNode api = setup("{}", CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD).json();
        List<String> answered = new ArrayList<>();
        api.get("steps").forEach(s -> answered.add(s.get("outcome").asText() + "|" + s.get("kind").asText() + "|" + s.get("name").asText()));

        List<String> secondRun = clickSetUp();
        assertThat(secondRun).as("the page lists exactly what the API answered").containsExactlyElementsOf(answered);
        assertThat(browser.findElement(By.id("zendesk-setup-steps")).getText()).contains("already there trigger CS Bridge: ticket created");
        assertThat(browser.findElements(By.cssSelector("#zendesk-setup-steps li[data-outcome='created']"))).isEmpty();
        AdminUiBrowserIT.screenshot(browser, "zendesk-setup-second-run");
        assertThat(zendesk.created("fields") + zendesk.created("webhooks") + zendesk.created("triggers")).isEqualTo(11);
    }

    /** Clicks "Set up Zendesk" and reads the result list as outcome|kind|name. */
    private List<String> clickSetUp() {
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const r = document.getElementById('zendesk-setup-result'); r.replaceChildren(); r.hidden = true;");
        WebElement button = browser.findElement(By.id("zendesk-setup"));
        assertThat(button.getText()).isEqualTo("Set up Zendesk");
        button.click();
        AdminUiBrowserIT.await(browser, b -> b.findElements(By.cssSelector("#zendesk-setup-steps li")).isEmpty() ? null : true);
        List<String> out = new ArrayList<>();
        for (WebElement li : browser.findElements(By.cssSelector("#zendesk-setup-steps li"))) {
            out.add(li.getAttribute("data-outcome") + "|" + li.getAttribute("data-kind") + "|" + li.getAttribute("data-name"));
        }
        return out;
    }

    private CsBridgeClient.Answer setup(String body, String user, String password) {
        return post(SETUP, body, user, password);
    }

    private CsBridgeClient.Answer post(String path, String body, String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api" + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private void systemProperty(String name, String value) throws IOException {
        management.getControllerClient().execute(operation("remove", name));
        ModelNode add = operation("add", name);
        add.get("value").set(value);
        ModelNode result = management.getControllerClient().execute(add);
        assertThat(result.get("outcome").asString()).as("%s", result).isEqualTo("success");
    }

    private static ModelNode operation(String name, String property) {
        ModelNode op = new ModelNode();
        op.get("operation").set(name);
        op.get("address").add("system-property", property);
        return op;
    }
}
