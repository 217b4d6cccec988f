package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.group;
import static io.csbridge.ear.UsageMessages.track;
import static org.assertj.core.api.Assertions.assertThat;

/** The scoring model, KPIs, overrides and jobs through the admin API on the running server. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ModelAndKpisIT {

    final CsBridgeClient client = new CsBridgeClient();
    final Instant now = Instant.now();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @Test
    void anOverrideReplacesTheScoreUntilClearedAndAsOfQueriesShowTheScoreAsItStoodBefore() {
        String account = "override-" + UUID.randomUUID();
        client.postUsage(batch(List.of(group("g-" + account, account, "Override Co", account + ".example", "001o", now.minus(Duration.ofDays(40))),
                track("t-" + account, account, "Report Viewed", now.minus(Duration.ofDays(1))))));
        int modelScore = client.awaitAdmin("/accounts/" + account, a -> a.status() == 200 && !a.json().path("healthScore").isNull()
                && a.json().path("healthScore").isInt(), 30).json().get("healthScore").asInt();
        int overridden = modelScore == 12 ? 13 : 12;
        Instant beforeOverride = Instant.now();
        CsBridgeClient.sleep(1100);

        CsBridgeClient.Answer set = send("POST", "/accounts/" + account + "/override",
                "{\"healthScore\":" + overridden + ",\"reason\":\"Champion left the company\",\"expiresAt\":\""
                        + LocalDate.now(ZoneOffset.UTC).plusDays(30) + "\"}");

        assertThat(set.status()).isEqualTo(202);
        JsonNode after = client.awaitAdmin("/accounts/" + account, a -> a.json().get("healthScore").asInt() == overridden, 30).json();
        assertThat(after.get("healthScore").asInt()).isEqualTo(overridden);
        assertThat(after.get("band").asText()).isEqualTo("Red");
        assertThat(after.get("drivers").get(0).get("measure").asText()).isEqualTo("override");
        assertThat(after.get("drivers").get(0).get("explanation").asText()).contains("Champion left the company").contains(CsBridgeClient.ADMIN);
        assertThat(client.admin("/accounts/" + account + "?asOf=" + beforeOverride).json().get("healthScore").asInt()).isEqualTo(modelScore);
        assertThat(client.admin("/audit?subject=" + account).body()).contains("score.override");

        assertThat(send("DELETE", "/accounts/" + account + "/override", null).status()).isEqualTo(202);
        assertThat(client.awaitAdmin("/accounts/" + account, a -> a.json().get("healthScore").asInt() == modelScore, 30)
                .json().get("healthScore").asInt()).isEqualTo(modelScore);
    }

    @Test
    void anOverrideNeedsAReasonAndAnExpiryInTheFuture() {
        String account = "override-bad-" + UUID.randomUUID();
        client.postUsage(track("t-" + account, account, "Report Viewed", now.minusSeconds(60)));
        client.awaitAdmin("/accounts/" + account, a -> a.status() == 200, 30);

        assertThat(send("POST", "/accounts/" + account + "/override", "{\"healthScore\":50,\"expiresAt\":\"2099-01-01\"}").status()).isEqualTo(400);
        assertThat(send("POST", "/accounts/" + account + "/override", "{\"healthScore\":50,\"reason\":\"x\",\"expiresAt\":\"2001-01-01\"}").status()).isEqualTo(400);
        assertThat(send("POST", "/accounts/" + account + "/override", "{\"healthScore\":150,\"reason\":\"x\",\"expiresAt\":\"2099-01-01\"}").status()).isEqualTo(400);
        assertThat(send("POST", "/accounts/no-such-account/override", "{\"healthScore\":50,\"reason\":\"x\",\"expiresAt\":\"2099-01-01\"}").status()).isEqualTo(404);
    }

    @Test
    void aModelChangeCanBeDryRunRejectedWithItsProblemsAndSavedAsANewVersionThatRescoresEveryAccount() {
        String account = "model-" + UUID.randomUUID();
        client.postUsage(track("t-" + account, account, "Report Viewed", now.minusSeconds(60)));
        client.awaitAdmin("/accounts/" + account, a -> a.status() == 200, 30);
        JsonNode current = client.admin("/model").json();
        ObjectNode config = (ObjectNode) current.get("config");

        CsBridgeClient.Answer dryRun = send("PUT", "/model?dryRun=true", config.toString());
        assertThat(dryRun.status()).as(dryRun.body()).isEqualTo(200);
        assertThat(dryRun.json().get("accounts").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(dryRun.json().get("changes").isArray()).isTrue();

        ObjectNode broken = config.deepCopy();
        ((ObjectNode) broken.get("healthModels").get(0).get("measures").get(0)).put("weight", -1);
        CsBridgeClient.Answer rejected = send("PUT", "/model", broken.toString());
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("problems").toString()).contains("weight");

        CsBridgeClient.Answer saved = send("PUT", "/model?note=same+model+again", config.toString());
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        int version = saved.json().get("version").asInt();
        long job = saved.json().get("rescoreJob").get("id").asLong();
        JsonNode finished = client.awaitAdmin("/jobs/" + job, a -> "finished".equals(a.json().path("state").asText()), 60).json();
        assertThat(finished.get("done").asInt()).isEqualTo(finished.get("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(client.admin("/model").json().get("version").asText()).isEqualTo(String.valueOf(version));
        assertThat(client.admin("/model/history").json().get("items").get(0).get("version").asInt()).isEqualTo(version);
    }

    @Test
    void kpisAndTheirTrendAndABacktestAreServedInTheContractShape() {
        String account = "kpi-" + UUID.randomUUID();
        client.postUsage(batch(List.of(track("t-" + account, account, "Report Viewed", now.minus(Duration.ofDays(20))),
                """
                {"type":"track","messageId":"nps-%s","userId":"u-%s","event":"NPS Answered","timestamp":"%s",
                 "context":{"groupId":"%s"},"properties":{"score":9,"comment":"great"}}""".formatted(account, account, now.minusSeconds(30), account))));
        client.awaitAdmin("/accounts/" + account, a -> a.status() == 200 && a.json().get("signalCount").asInt() == 2, 30);

        JsonNode kpis = client.admin("/kpis").json();
        assertThat(kpis.get("nps").get("n").asInt()).as(kpis.toString()).isGreaterThanOrEqualTo(1);
        assertThat(kpis.get("nps").has("margin95")).isTrue();
        assertThat(kpis.get("nps").has("promoters")).isTrue();
        JsonNode trend = client.admin("/kpis/trend?step=week").json();
        assertThat(trend.get("points").size()).as(trend.toString()).isEqualTo(13);
        JsonNode backtest = send("POST", "/model/backtest", "{\"asOf\":\"" + LocalDate.now(ZoneOffset.UTC).minusDays(10) + "\"}").json();
        assertThat(backtest.has("riskAuc")).as(backtest.toString()).isTrue();
        assertThat(backtest.get("accounts").asInt()).isGreaterThanOrEqualTo(1);
        CsBridgeClient.Answer fit = send("POST", "/model/fit", "{}");
        assertThat(fit.status()).as(fit.body()).isIn(200, 409);
        if (fit.status() == 200) {
            assertThat(fit.json().has("crossValidatedAuc")).isTrue();
            assertThat(fit.json().has("ruleAuc")).isTrue();
        } else {
            assertThat(fit.json().get("error").asText()).isEqualTo("not_enough_history");
        }
        JsonNode timeline = client.admin("/accounts/" + account + "/timeline").json();
        assertThat(timeline.get("items").get(0).get("kind").asText()).isEqualTo("NPS_ANSWER");
    }

    @Test
    void alertRulesCanBeDryRunOverTheLast30DaysAndInvalidOnesAreRefused() {
        JsonNode rules = client.admin("/alert-rules").json().get("rules");

        CsBridgeClient.Answer dryRun = send("PUT", "/alert-rules?dryRun=true", rules.toString());
        ObjectNode broken = rules.deepCopy();
        broken.put("zone", "Mars/Olympus");
        CsBridgeClient.Answer rejected = send("PUT", "/alert-rules", broken.toString());

        assertThat(dryRun.status()).isEqualTo(200);
        assertThat(dryRun.json().has("sent")).isTrue();
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("problems").toString()).contains("Mars/Olympus");
    }

    private CsBridgeClient.Answer send(String method, String path, String json) {
        String auth = Base64.getEncoder().encodeToString((CsBridgeClient.ADMIN + ":" + CsBridgeClient.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api" + path))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Basic " + auth).header("Content-Type", "application/json");
        b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return client.send(b.build());
    }
}
