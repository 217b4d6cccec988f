package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.csbridge.ear.VendorFakes.POST_MESSAGE;
import static io.csbridge.ear.VendorFakes.UPDATE_MESSAGE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbound promise end to end, through the real EAR with every connector LIVE against WireMock
 * fakes of Salesforce, Zendesk and Slack (VendorFakes, container {@code wildfly-live}): an event becomes
 * Account fields, organization fields and tag, and an alert whose button creates a Task; and a vendor
 * that is down for a while gets every write exactly once when it is back.
 */
@EnabledIfSystemProperty(named = "arquillian.launch", matches = "wildfly-live",
        disabledReason = "runs in the failsafe execution 'live' (its own server with live connectors)")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveVendorsIT {

    static final String CONTAINER = "wildfly-live";
    static final String OUTBOUND_TOKEN = "it-salesforce-outbound-token";
    static final String ORG_ID = "00DIT000000CSBRAAW";
    static final VendorFakes FAKES = new VendorFakes();

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
        Path data = Path.of(System.getProperty("jboss.home"), "standalone", "data", "csbridge-it-live");
        if (Files.exists(data)) {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        FAKES.start();
    }

    @AfterAll
    static void vendorsLast() throws java.sql.SQLException {
        FAKES.stop();
        // The limits this suite's fakes reported (the Salesforce reserve, Slack's and Zendesk's 429s) were
        // theirs: with DB_URL the later suites' servers share this database, and would wait out the holds.
        String dbUrl = System.getenv("DB_URL");
        if (dbUrl != null) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(dbUrl, System.getenv("DB_USER"), System.getenv("DB_PASSWORD"));
                 java.sql.Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE vendor_budget SET paused_until = NULL");
            }
        }
    }

    private void serverUp() {
        if (!controller.isStarted(CONTAINER)) {
            controller.start(CONTAINER);
            deployer.deploy("ear");
        }
    }

    @Test
    @Order(1)
    void scoreChangeReachesSalesforceZendeskAndSlackAndAButtonCreatesATask() throws Exception {
        serverUp();
        String sfId = "001IT000000LIVEAAA";
        assertThat(postOutboundMessage(List.of(account(sfId, "Live Co", "005IT0000000CSMAAA", "9001")))).isEqualTo(200);

        // Salesforce: the Account's health fields through sObject Collections.
        JsonNode record = await("the Account fields in Salesforce", () -> FAKES.salesforceRecords("PATCH").stream()
                .filter(r -> r.path("id").asText().equals(sfId)).findFirst().orElse(null));
        assertThat(record.path("attributes").path("type").asText()).isEqualTo("Account");
        assertThat(record.path("CS_Health_Band__c").asText()).isIn("Green", "Yellow", "Red", "Unknown");
        assertThat(record.has("CS_Health_Score__c")).isTrue();
        assertThat(record.has("CS_Churn_Risk__c")).isTrue();
        assertThat(record.has("CS_Onboarding_Completion__c")).isTrue();
        assertThat(record.has("CS_Health_As_Of__c")).isTrue();
        String band = record.path("CS_Health_Band__c").asText();

        // Zendesk: fields and the band tag on organization 9001, the job confirmed.
        JsonNode organization = await("the organization fields in Zendesk", () -> FAKES.zendeskOrganizations().stream()
                .filter(o -> o.path("id").asLong() == 9001).findFirst().orElse(null));
        assertThat(organization.path("organization_fields").path("cs_health_band").asText())
                .isEqualTo("cs_health_" + band.toLowerCase());
        assertThat(organization.path("organization_fields").path("cs_health_score").asInt())
                .isEqualTo(record.path("CS_Health_Score__c").asInt());
        awaitTrue("the Zendesk job polled", () -> FAKES.zendeskCalls(VendorFakes.JOB_STATUSES) > 0);

        // Slack: a new account seen in Red is an alert to its owner, with the three buttons.
        assertThat(band).as("a high-touch account 30 days into onboarding with no milestone reached is scored Red").isEqualTo("Red");
        Map<String, String> post = await("the alert in Slack", () -> FAKES.slackCalls(POST_MESSAGE).stream()
                .filter(f -> f.getOrDefault("blocks", "").contains("Live Co")).findFirst().orElse(null));
        assertThat(post.get("channel")).isEqualTo("C0ITALERTS");
        assertThat(post.get("_authorization")).isEqualTo("Bearer xoxb-it-bot-token");
        JsonNode blocks = VendorFakes.read(post.get("blocks"));
        assertThat(blocks.toString()).contains("Live Co entered Red").contains("<@U0ITCSM>");
        JsonNode buttons = blocks.findValues("elements").stream().filter(e -> e.toString().contains("action_id"))
                .findFirst().orElseThrow();
        assertThat(buttons.findValuesAsText("action_id")).containsExactly("cs_ack", "cs_snooze", "cs_create_task");
        String value = buttons.get(2).path("value").asText();
        assertThat(value).matches("[0-9]+\\|" + sfId);

        // A CSM presses "Create task": Slack posts the signed block_actions payload.
        String messageTs = post.get("_ts");
        String actionTs = Instant.now().getEpochSecond() + ".123456";
        assertThat(pressButton("cs_create_task", value, "U0ITCSM", "C0ITALERTS", messageTs, actionTs)).isEqualTo(200);
        // Slack retries a slow answer: the same press again counts once.
        assertThat(pressButton("cs_create_task", value, "U0ITCSM", "C0ITALERTS", messageTs, actionTs)).isEqualTo(200);

        JsonNode task = await("the Task in Salesforce", () -> FAKES.salesforceTasks().stream()
                .filter(r -> r.path("WhatId").asText().equals(sfId)).findFirst().orElse(null));
        assertThat(task.path("attributes").path("type").asText()).isEqualTo("Task");
        assertThat(task.path("OwnerId").asText()).isEqualTo("005IT0000000CSMAAA");
        assertThat(task.path("Subject").asText()).contains("Live Co");
        Map<String, String> update = await("the alert updated in Slack", () -> FAKES.slackCalls(UPDATE_MESSAGE).stream()
                .filter(f -> messageTs.equals(f.get("ts"))).findFirst().orElse(null));
        assertThat(update.get("channel")).isEqualTo("C0ITALERTS");
        // as Slack reads the blocks: JSON, whatever escapes the SDK used (Gson writes < as \u003c)
        assertThat(VendorFakes.read(update.get("blocks")).toString()).contains("Salesforce task created by <@U0ITCSM>")
                .contains("Live Co entered Red").doesNotContain("cs_create_task");

        CsBridgeClient.sleep(3000); // anything queued twice would have gone out by now
        assertThat(FAKES.salesforceTasks().stream().filter(r -> r.path("WhatId").asText().equals(sfId))).hasSize(1);
        assertThat(FAKES.slackCalls(UPDATE_MESSAGE).stream().filter(f -> messageTs.equals(f.get("ts")))).hasSize(1);
        assertThat(FAKES.slackCalls(POST_MESSAGE).stream().filter(f -> f.getOrDefault("blocks", "").contains("Live Co")))
                .hasSize(1);
    }

    @Test
    @Order(2)
    void aVendorDownForAWhileGetsEveryWriteExactlyOnceWhenBack() {
        serverUp();
        int n = 20;
        String run = UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        List<String> sfIds = IntStream.range(0, n).mapToObj(i -> "001IT" + run + String.format("%09d", i)).toList();
        List<Long> zendeskIds = IntStream.range(0, n).mapToObj(i -> 70_000L + i).toList();

        // Salesforce answers 503, Zendesk refuses connections, Slack answers 503.
        StubMapping salesforceDown = FAKES.salesforceDown();
        FAKES.zendesk().stop();
        FAKES.slackDown();
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            accounts.add(account(sfIds.get(i), "Outage Co " + run + " " + i, "005IT" + run + String.format("%09d", i),
                    String.valueOf(zendeskIds.get(i))));
        }
        assertThat(postOutboundMessage(accounts)).isEqualTo(200);
        awaitTrue("failed attempts at Salesforce and Slack", () -> FAKES.salesforce.getAllServeEvents().stream()
                .anyMatch(e -> e.getResponse().getStatus() == 503)
                && FAKES.slack.getAllServeEvents().stream().anyMatch(e -> e.getResponse().getStatus() == 503));
        CsBridgeClient.sleep(4000); // down for a while: several attempts each, circuits open

        // Back.
        FAKES.salesforce.removeStub(salesforceDown);
        FAKES.startZendesk();
        FAKES.slackOk();

        awaitTrue("every Account written", () -> sfIds.stream().allMatch(id -> countAccount(id) >= 1));
        awaitTrue("every organization written", () -> zendeskIds.stream().allMatch(id -> countOrganization(id) >= 1));
        awaitTrue("every alert posted", () -> IntStream.range(0, n).allMatch(i -> countAlert("Outage Co " + run + " " + i + " ") >= 1));
        CsBridgeClient.sleep(5000); // a duplicate would be on its way by now
        for (int i = 0; i < n; i++) {
            assertThat(countAccount(sfIds.get(i))).as("Salesforce writes of " + sfIds.get(i)).isEqualTo(1);
            assertThat(countOrganization(zendeskIds.get(i))).as("Zendesk writes of " + zendeskIds.get(i)).isEqualTo(1);
            assertThat(countAlert("Outage Co " + run + " " + i + " ")).as("Slack alerts of account " + i).isEqualTo(1);
        }
        assertThat(FAKES.salesforce.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 503).count())
                .as("Salesforce calls refused while down").isPositive();

        deployer.undeploy("ear");
        controller.stop(CONTAINER);
    }

    @Test
    @Order(3)
    void aWriteTheVendorRefusesForGoodIsADeadLetterWithItsErrorAndAnAdminRetriesItFromTheBrowserOnce() {
        serverUp();
        String run = UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        String sfId = "001DL" + run + "000000001";
        // Salesforce refuses the whole batch, as it does when a field does not exist (not worth retrying).
        StubMapping refusing = FAKES.salesforce.stubFor(com.github.tomakehurst.wiremock.client.WireMock.patch(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(VendorFakes.COLLECTIONS)).atPriority(1)
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("[{\"message\":\"No such column 'CS_Health_Score__c' on entity 'Account'\",\"errorCode\":\"INVALID_FIELD\"}]")));
        assertThat(postOutboundMessage(List.of(account(sfId, "Dead Letter Co " + run, "005DL" + run + "000000001", "79999")))).isEqualTo(200);

        JsonNode dead = client.awaitAdmin("/deliveries?channel=salesforce&status=DEAD&account=" + sfId,
                a -> a.status() == 200 && a.json().get("items").size() == 1, 60).json().get("items").get(0);
        assertThat(dead.get("lastError").asText()).contains("INVALID_FIELD");
        assertThat(countAccount(sfId)).isZero();

        // The admin creates the field, then retries the dead letter from the Integrations page.
        FAKES.salesforce.removeStub(refusing);
        long id = dead.get("id").asLong();
        org.openqa.selenium.WebDriver browser = AdminUiBrowserIT.chromium("en-US");
        try {
            AdminUiBrowserIT.logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
            browser.get(AdminUiBrowserIT.ADMIN_UI + "integrations.html#dead");
            AdminUiBrowserIT.awaitReady(browser);
            // Clicks happen inside the waits: the list re-renders, and a stale button is simply looked up again.
            AdminUiBrowserIT.await(browser, b -> {
                b.findElement(org.openqa.selenium.By.cssSelector("#delivery-filters button")).click();
                return true;
            });
            AdminUiBrowserIT.await(browser, b -> {
                var buttons = b.findElements(org.openqa.selenium.By.cssSelector("button[data-retry='" + id + "']"));
                if (buttons.isEmpty()) return null;
                buttons.get(0).click();
                return true;
            });
            AdminUiBrowserIT.await(browser, b -> b.findElement(org.openqa.selenium.By.id("delivery-result")).getText()
                    .contains(String.valueOf(id)) ? true : null);
            AdminUiBrowserIT.screenshot(browser, "integrations-dead-letter-retried");
        } finally {
            browser.quit();
        }

        awaitTrue("the retried write delivered", () -> countAccount(sfId) == 1);
        CsBridgeClient.sleep(3000);
        assertThat(countAccount(sfId)).as("Salesforce writes of the retried record").isEqualTo(1);
        assertThat(client.admin("/deliveries?channel=salesforce&account=" + sfId).json().get("items").get(0)
                .get("status").asText()).isEqualTo("DELIVERED");

        deployer.undeploy("ear");
        controller.stop(CONTAINER);
    }

    @Test
    @Order(4)
    void anUnmappedOwnerIsMentionedByTheirSalesforceEmailAndTheApiReserveReachedTellsTheOperatorOnce() {
        serverUp();
        String run = UUID.randomUUID().toString().substring(0, 4).toUpperCase();
        String ownerId = "005RS" + run + "000000001";
        FAKES.salesforce.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(VendorFakes.API + "/sobjects/User/" + ownerId))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"attributes\":{\"type\":\"User\"},\"Id\":\"" + ownerId + "\",\"Email\":\"mika.sato@it.example\"}")));
        FAKES.slack.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/api/users.lookupByEmail")
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson(
                        "{\"ok\":true,\"user\":{\"id\":\"W0ITMIKA\",\"name\":\"mika\",\"deleted\":false}}")));

        // An owner no alerting.owner-slack-ids entry maps: Salesforce's User e-mail, then Slack's user.
        assertThat(postOutboundMessage(List.of(account("001RS" + run + "000000001", "Mention Co " + run, ownerId, "78001"))))
                .isEqualTo(200);
        Map<String, String> alert = await("the alert for Mention Co", () -> FAKES.slackCalls(POST_MESSAGE).stream()
                .filter(f -> f.getOrDefault("text", "").startsWith("Mention Co " + run + " ")).findFirst().orElse(null));
        assertThat(VendorFakes.read(alert.get("blocks")).toString()).contains("<@W0ITMIKA>").doesNotContain(ownerId);

        // The alert's own Salesforce writes (the Task, the Account fields) settle first: otherwise one of them,
        // not the write below, would be the call that learns the usage (on a fast store they often are).
        String mentioned = "001RS" + run + "000000001";
        client.awaitAdmin("/deliveries?status=PENDING&account=" + mentioned,
                a -> a.status() == 200 && a.json().get("items").isEmpty(), 60);

        // Other integrations have used the org's allowance up to CS Bridge's reserve (20% of 100,000 by default).
        FAKES.saveResults.reportUsage(99_000);
        String first = "001RS" + run + "000000002";
        assertThat(postOutboundMessage(List.of(account(first, "Reserve Co " + run, ownerId, "78002")))).isEqualTo(200);
        awaitTrue("the write that learns the usage", () -> countAccount(first) == 1);
        Map<String, String> notice = await("the operator notice in Slack", () -> FAKES.slackCalls(POST_MESSAGE).stream()
                .filter(f -> f.getOrDefault("text", "").contains("Salesforce API usage")).findFirst().orElse(null));
        assertThat(notice.get("channel")).isEqualTo("C0ITALERTS");
        assertThat(notice.get("text")).contains("99000 of 100000").contains("nothing is lost");

        // Later writes wait (and are not lost); the operator is not told again.
        String second = "001RS" + run + "000000003";
        assertThat(postOutboundMessage(List.of(account(second, "Waiting Co " + run, ownerId, "78003")))).isEqualTo(200);
        JsonNode waiting = client.awaitAdmin("/deliveries?channel=salesforce&account=" + second,
                a -> a.status() == 200 && a.json().get("items").size() == 1
                        && a.json().get("items").get(0).path("lastError").asText().contains("reserve"), 60)
                .json().get("items").get(0);
        assertThat(waiting.get("status").asText()).isNotEqualTo("DEAD");
        assertThat(countAccount(second)).isZero();
        assertThat(FAKES.slackCalls(POST_MESSAGE).stream().filter(f -> f.getOrDefault("text", "").contains("Salesforce API usage")))
                .hasSize(1);
        FAKES.saveResults.reportUsage(-1);

        deployer.undeploy("ear");
        controller.stop(CONTAINER);
    }

    private static long countAccount(String sfId) {
        return FAKES.salesforceRecords("PATCH").stream().filter(r -> r.path("id").asText().equals(sfId)).count();
    }

    private static long countOrganization(long id) {
        return FAKES.zendeskOrganizations().stream().filter(o -> o.path("id").asLong() == id).count();
    }

    /** Alerts posted for the account named {@code nameAndSpace} (the headline reads "<name> entered Red"). */
    private static long countAlert(String nameAndSpace) {
        return FAKES.slackCalls(POST_MESSAGE).stream().filter(f -> f.getOrDefault("text", "").startsWith(nameAndSpace)).count();
    }

    // ---- senders ----------------------------------------------------------------------------------------

    /** One Account notification as Salesforce Outbound Messaging sends it: a customer 30 days into onboarding, no milestone reached (Red). */
    static String account(String id, String name, String ownerId, String zendeskOrganizationId) {
        return """
                   <Notification>
                    <Id>04lIT%s</Id>
                    <sObject xsi:type="sf:Account" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                     <sf:Id>%s</sf:Id>
                     <sf:AnnualRevenue>1.5E5</sf:AnnualRevenue>
                     <sf:CS_Start_Date__c>%s</sf:CS_Start_Date__c>
                     <sf:CS_Zendesk_Organization_Id__c>%s</sf:CS_Zendesk_Organization_Id__c>
                     <sf:LastModifiedDate>%s</sf:LastModifiedDate>
                     <sf:Name>%s</sf:Name>
                     <sf:OwnerId>%s</sf:OwnerId>
                    </sObject>
                   </Notification>
                """.formatted(UUID.randomUUID().toString().replace("-", "").substring(0, 13), id,
                Instant.now().minus(Duration.ofDays(30)).toString().substring(0, 10), zendeskOrganizationId,
                Instant.now().minus(Duration.ofHours(1)), name, ownerId);
    }

    int postOutboundMessage(List<String> notifications) {
        byte[] body = SalesforceOutboundMessageIT.envelope(ORG_ID, notifications).getBytes(StandardCharsets.UTF_8);
        return client.send(InboundRequests.salesforce(OUTBOUND_TOKEN, body)).status();
    }

    /** A press of an alert button as Slack posts it: form field {@code payload}, v0-signed with the app's secret. */
    int pressButton(String actionId, String value, String user, String channel, String messageTs, String actionTs) {
        ObjectNode payload = CsBridgeClient.JSON.createObjectNode();
        payload.put("type", "block_actions");
        payload.putObject("user").put("id", user).put("username", "it.csm").put("name", "it.csm").put("team_id", "T0IT");
        payload.put("api_app_id", "A0CSBRIDGE");
        payload.putObject("container").put("type", "message").put("message_ts", messageTs).put("channel_id", channel)
                .put("is_ephemeral", false);
        payload.put("trigger_id", actionTs + ".it");
        payload.putObject("team").put("id", "T0IT").put("domain", "it-cs");
        payload.putObject("channel").put("id", channel).put("name", "cs-alerts");
        payload.putObject("message").put("type", "message").put("ts", messageTs);
        payload.put("response_url", "https://hooks.slack.com/actions/T0IT/1/it");
        ObjectNode action = payload.putArray("actions").addObject();
        action.put("action_id", actionId).put("block_id", "cs_alert_actions").put("value", value).put("type", "button")
                .put("action_ts", actionTs);
        byte[] body = ("payload=" + URLEncoder.encode(payload.toString(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return client.send(InboundRequests.slack("/hooks/slack/interactions", body, "application/x-www-form-urlencoded",
                Instant.now().getEpochSecond())).status();
    }

    // ---- waiting ----------------------------------------------------------------------------------------

    static <T> T await(String what, java.util.function.Supplier<T> probe) {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) return value;
            CsBridgeClient.sleep(200);
        }
        throw new AssertionError("not seen within 90 s: " + what);
    }

    static void awaitTrue(String what, BooleanSupplier probe) {
        await(what, () -> probe.getAsBoolean() ? Boolean.TRUE : null);
    }

}
