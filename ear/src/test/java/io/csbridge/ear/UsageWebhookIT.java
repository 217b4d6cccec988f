package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.group;
import static io.csbridge.ear.UsageMessages.track;
import static org.assertj.core.api.Assertions.assertThat;

/** The first real path: product usage in, account and score out, a Salesforce write queued. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class UsageWebhookIT {

    final CsBridgeClient client = new CsBridgeClient();
    final Instant now = Instant.now();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @Test
    void usageEventsCreateTheAccountOnFirstSightScoreItAndListItWithItsKeys() {
        String group = "acme-" + UUID.randomUUID();
        String body = batch(List.of(
                group("g-" + group, group, "Acme " + group, group + ".example", "001" + group.hashCode(), now.minus(Duration.ofDays(3))),
                track("t1-" + group, group, "Report Viewed", now.minus(Duration.ofDays(2))),
                track("t2-" + group, group, "Report Viewed", now.minus(Duration.ofDays(1)))));

        CsBridgeClient.Answer answer = client.postUsage(body);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(3);
        JsonNode account = client.awaitAdmin("/accounts/" + group, a -> a.status() == 200 && a.json().get("healthScore") != null
                && !a.json().get("healthScore").isNull(), 30).json();
        assertThat(account.get("name").asText()).isEqualTo("Acme " + group);
        assertThat(account.get("keys").get("product").asText()).isEqualTo(group);
        assertThat(account.get("keys").get("domains").get(0).asText()).isEqualTo(group + ".example");
        assertThat(account.get("drivers").findValuesAsText("explanation")).contains("active on 2 of the last 30 days");
        assertThat(account.get("signalCount").asInt()).isEqualTo(3);
        assertThat(account.get("onboarding").get("plan").asText()).as("the onboarding plan the model applies").isNotBlank();
        assertThat(account.get("onboarding").get("overdue").isArray()).isTrue();

        JsonNode listed = client.admin("/accounts?limit=1000").json();
        assertThat(listed.get("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(listed.get("items").findValuesAsText("id")).contains(group);
    }

    @Test
    void aScoreChangeIsDeliveredByTheSandboxSalesforceConnector() {
        String group = "sf-" + UUID.randomUUID();
        String salesforceId = "001" + Math.abs(group.hashCode());
        client.postUsage(batch(List.of(
                group("g-" + group, group, "Sandbox Co", group + ".example", salesforceId, now.minus(Duration.ofDays(5))),
                track("t-" + group, group, "Dashboard Opened", now.minus(Duration.ofHours(5))))));

        JsonNode deliveries = client.awaitAdmin("/deliveries?account=" + group,
                a -> a.status() == 200 && a.json().get("items").size() > 0
                        && "DELIVERED".equals(a.json().get("items").get(0).get("status").asText()), 30).json();

        JsonNode delivery = deliveries.get("items").get(0);
        assertThat(delivery.get("channel").asText()).isEqualTo("salesforce");
        assertThat(delivery.get("target").asText()).isEqualTo(salesforceId);
        assertThat(delivery.get("mode").asText()).isEqualTo("sandbox");
        JsonNode connector = client.admin("/pipeline").json().get("connectors").get("salesforce");
        assertThat(connector.get("mode").asText()).isEqualTo("sandbox");
        assertThat(connector.toString()).doesNotContain("secret").doesNotContain("token\":\"");
        assertThat(delivery.get("sandboxCalls").get(0).get("body").asText()).contains(salesforceId).contains("CS_Health_Score__c");
    }

    @Test
    void theSameDeliveryTwiceIsCountedOnce() {
        String group = "dup-" + UUID.randomUUID();
        String body = batch(List.of(group("g-" + group, group, "Dup Co", group + ".example", "001d", now.minusSeconds(600)),
                track("t-" + group, group, "Report Viewed", now.minusSeconds(300))));

        assertThat(client.postUsage(body).json().get("accepted").asInt()).isEqualTo(2);
        CsBridgeClient.Answer again = client.postUsage(body);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicates").asInt()).isEqualTo(2);
        JsonNode account = client.awaitAdmin("/accounts/" + group, a -> a.status() == 200, 30).json();
        CsBridgeClient.sleep(1500);
        assertThat(client.admin("/accounts/" + group).json().get("signalCount").asInt()).isEqualTo(2);
        assertThat(account.get("id").asText()).isEqualTo(group);
    }

    @Test
    void aBadSignatureIsAnswered401AndNothingIsStored() {
        String group = "forged-" + UUID.randomUUID();
        String body = track("t-" + group, group, "Report Viewed", now);

        CsBridgeClient.Answer forged = client.postUsage(body, CsBridgeClient.sign(body + " "));
        CsBridgeClient.Answer unsigned = client.postUsage(body, null);

        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.json().get("error").asText()).isEqualTo("invalid_signature");
        assertThat(unsigned.status()).isEqualTo(401);
        // A later, valid event is processed; the forged one never was.
        String witness = "witness-" + UUID.randomUUID();
        client.postUsage(track("t-" + witness, witness, "Report Viewed", now));
        client.awaitAdmin("/accounts/" + witness, a -> a.status() == 200, 30);
        assertThat(client.admin("/accounts/" + group).status()).isEqualTo(404);
        assertThat(client.admin("/pipeline").json().get("inbox").get("failed").asInt()).isZero();
    }

    @Test
    void malformedAndOversizedBodiesGetClearErrors() {
        CsBridgeClient.Answer notJson = client.postUsage("{\"type\":");
        CsBridgeClient.Answer noMessageId = client.postUsage("{\"type\":\"track\",\"event\":\"x\",\"timestamp\":\"" + now + "\"}");
        String huge = "{\"type\":\"track\",\"padding\":\"" + "x".repeat(1 << 20) + "\"}";
        CsBridgeClient.Answer tooLarge = client.postUsage(huge);

        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.json().get("error").asText()).isEqualTo("malformed_request");
        assertThat(noMessageId.status()).isEqualTo(400);
        assertThat(noMessageId.json().get("detail").asText()).contains("messageId");
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    void theAdminApiRefusesAnonymousAndWrongPasswords() {
        assertThat(client.get(CsBridgeClient.BASE + "/admin/api/accounts").status()).isEqualTo(401);
        assertThat(client.admin("/accounts", CsBridgeClient.ADMIN, "wrong").status()).isEqualTo(401);
        assertThat(client.admin("/accounts").status()).isEqualTo(200);
    }

    @Test
    void readinessIsUpOnceTheDatabaseAndSchemaAreReady() {
        CsBridgeClient.Answer ready = client.get(CsBridgeClient.MANAGEMENT + "/health/ready");

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body()).contains("cs-bridge-database").contains("\"status\":\"UP\"");
    }
}
