package io.csbridge.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.csbridge.connectors.Settings;
import io.csbridge.json.Json;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.csbridge.outbox.DeliveryOutcome.Result.DELIVERED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12: a Task sent twice (the worker crashed between Salesforce's answer and recording it, and
 * another worker sent it again) is one Task. The fake org keeps Tasks by their External Id as
 * sObject Collections upsert does: an existing key is updated ({@code created: false}), a new one created.
 */
class SalesforceTaskUpsertTest {

    static final String UPSERT = "/services/data/v66.0/composite/sobjects/Task/CS_Bridge_Key__c";

    final FakeOrg tasks = new FakeOrg();
    final WireMockServer sf = new WireMockServer(options().dynamicPort().extensions(tasks));
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    SalesforceTaskChannel channel;

    @BeforeEach
    void start() {
        sf.start();
        sf.stubFor(post("/services/oauth2/token").willReturn(okJson("{\"access_token\":\"00Dxx!t\",\"instance_url\":\""
                + sf.baseUrl() + "\",\"id\":\"" + sf.baseUrl() + "/id/00Dxx/005xx\",\"token_type\":\"Bearer\","
                + "\"issued_at\":\"1772366400000\",\"signature\":\"c2ln\"}")));
        sf.stubFor(patch(UPSERT).willReturn(okJson("[]").withTransformers(FakeOrg.NAME)));
        channel = new SalesforceTaskChannel(new SalesforceOrg(SalesforceSettings.from(Settings.of(Map.of(
                "salesforce.login-url", sf.baseUrl(), "salesforce.client-id", "c", "salesforce.client-secret", "s"))), clock, io.csbridge.connectors.TestDatabase.budgets(clock)));
    }

    @AfterEach
    void stop() {
        sf.stop();
    }

    @Test
    void aTaskSentAgainAfterACrashBeforeItsOutcomeWasRecordedIsOneTask() {
        Map<String, Object> fields = SalesforceTaskChannel.task("005Dn0000001OWNAAA", "Call Acme", "Logins fell");
        OutboundWrite first = write(fields, 1);
        List<DeliveryOutcome> outcomes = channel.deliver(List.of(first));
        assertThat(outcomes).as(outcomes.toString()).extracting(DeliveryOutcome::result).containsExactly(DELIVERED);
        // ... the worker dies here; its lease runs out and another worker claims the write: attempt 2, same key
        OutboundWrite again = write(fields, 2);
        assertThat(channel.deliver(List.of(again))).extracting(DeliveryOutcome::result).containsExactly(DELIVERED);

        assertThat(tasks.byKey).hasSize(1).containsKey("task:acme:812@1772366400000");
        assertThat(sf.findAll(patchRequestedFor(urlEqualTo(UPSERT)))).hasSize(2);
        assertThat(sf.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> r.getUrl().equals("/services/data/v66.0/composite/sobjects"))).as("no plain insert").isEmpty();
    }

    @Test
    void aKeyLongerThanTheExternalIdFieldIsSentAsItsHash() {
        String longKey = "task:" + "a".repeat(300) + ":812@1772366400000";
        assertThat(SalesforceTaskChannel.externalKey(longKey)).hasSize(64).isEqualTo(SalesforceTaskChannel.externalKey(longKey));
        assertThat(SalesforceTaskChannel.externalKey("task:acme:1@5")).isEqualTo("task:acme:1@5");
    }

    private OutboundWrite write(Map<String, Object> fields, int attempt) {
        return new OutboundWrite(41, "acme", "001A", fields, clock.instant(), attempt, "task:acme:812@1772366400000",
                "claim-" + attempt);
    }

    /** Tasks by External Id, answering each upserted record as Salesforce does. */
    static final class FakeOrg implements ResponseDefinitionTransformerV2 {
        static final String NAME = "task-upsert";
        final Map<String, String> byKey = new ConcurrentHashMap<>();

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            try {
                JsonNode body = Json.MAPPER.readTree(event.getRequest().getBodyAsString());
                ArrayNode results = Json.MAPPER.createArrayNode();
                for (JsonNode record : body.get("records")) {
                    String key = record.get("CS_Bridge_Key__c").asText();
                    boolean created = !byKey.containsKey(key);
                    String id = byKey.computeIfAbsent(key, k -> "00T" + byKey.size());
                    results.addObject().put("id", id).put("success", true).put("created", created).putArray("errors");
                }
                return new ResponseDefinitionBuilder().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(results.toString()).build();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public String getName() {
            return NAME;
        }
    }
}
