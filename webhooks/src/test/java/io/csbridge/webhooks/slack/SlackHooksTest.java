package io.csbridge.webhooks.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.app_backend.SlackSignature.Generator;
import io.csbridge.app.intake.EventIntake;
import io.csbridge.app.lookup.AccountHealthQuery;
import io.csbridge.json.Json;
import io.csbridge.testing.ScoredAccounts;
import io.csbridge.webhooks.HookRejection;
import io.csbridge.webhooks.RawBody;
import io.csbridge.webhooks.testing.FakeRequest;
import io.csbridge.webhooks.testing.TestPipeline;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The three Slack endpoints on the real inbox, signed by the Slack SDK as Slack would sign them. */
class SlackHooksTest {

    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final long NOW = 1_768_471_260L;
    final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
    final TestPipeline pipeline = new TestPipeline(clock);
    final SlackHooks hooks = new SlackHooks();

    {
        hooks.intake = new EventIntake(pipeline);
        hooks.accounts = new AccountHealthQuery(pipeline);
        hooks.clock = clock;
        hooks.signingSecret = Optional.of(SECRET);
    }

    @AfterEach
    void close() {
        pipeline.close();
    }

    static HttpServletRequest signed(byte[] body, long timestamp, Map<String, String> extraHeaders) {
        Map<String, String> headers = new HashMap<>(extraHeaders);
        headers.put("X-Slack-Request-Timestamp", Long.toString(timestamp));
        headers.put("X-Slack-Signature", new Generator(SECRET).generate(Long.toString(timestamp), new String(body, StandardCharsets.UTF_8)));
        return FakeRequest.of(body, headers);
    }

    /** The SDK signs text; bytes that are not UTF-8 are signed as they are, as Slack would sign what it sends. */
    static HttpServletRequest signedBytes(byte[] body, long timestamp) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        String signature = "v0=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        return FakeRequest.of(body, Map.of("X-Slack-Request-Timestamp", Long.toString(timestamp), "X-Slack-Signature", signature));
    }

    static HttpServletRequest signed(String body) {
        return signed(body.getBytes(StandardCharsets.UTF_8), NOW, Map.of());
    }

    static JsonNode json(Response response) throws Exception {
        Object entity = response.getEntity();
        return entity instanceof String s ? Json.MAPPER.readTree(s) : Json.MAPPER.valueToTree(entity);
    }

    @Test
    void urlVerificationAnswersTheChallenge() throws Exception {
        Response r = hooks.events(signed("{\"token\":\"x\",\"challenge\":\"ch4ll3nge\",\"type\":\"url_verification\"}"));
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(json(r).path("challenge").asText()).isEqualTo("ch4ll3nge");
        assertThat(pipeline.inboxRows()).isEmpty();
    }

    @Test
    void aRetriedEventIsAnswered200AndCountedOnce() throws Exception {
        byte[] body = SlackEventTranslatorTest.EVENT.getBytes(StandardCharsets.UTF_8);
        assertThat(hooks.events(signed(body, NOW, Map.of())).getStatus()).isEqualTo(200);
        Response retry = hooks.events(signed(body, NOW + 60, Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout")));
        assertThat(retry.getStatus()).isEqualTo(200);
        assertThat(json(retry).path("duplicates").asInt()).isEqualTo(1);
        assertThat(pipeline.inboxRows()).containsExactly("slack|event:Ev08MFMKH6|2026-01-15T10:00:00Z");
    }

    @Test
    void aCreateTaskPressIsDurablyRecorded() throws Exception {
        String form = AlertActionTranslatorTest.form(AlertActionTranslatorTest.payload());
        assertThat(hooks.interactions(signed(form)).getStatus()).isEqualTo(200);
        assertThat(hooks.interactions(signed(form)).getStatus()).isEqualTo(200);
        assertThat(pipeline.inboxRows()).containsExactly("slack|cs_create_task:1768471234.567890:U02CSMJANE|2026-01-15T10:00:34.567890Z");
        assertThat(Json.MAPPER.readTree(pipeline.payloadOf("cs_create_task:1768471234.567890:U02CSMJANE")).path("alertId").asText())
                .isEqualTo("812");
    }

    @Test
    void healthCommandAnswersOnlyTheAskerWithScoreTrendAndDrivers() throws Exception {
        ScoredAccounts.seed(pipeline.database());
        Response r = hooks.commands(signed("token=x&team_id=T0ACME&command=%2Fhealth&text=acme.com&user_id=U02CSMJANE"
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1"));
        JsonNode reply = json(r);
        assertThat(reply.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.path("text").asText()).contains("*Acme Corp*", "38/100", "Red", "\u221212 over 30 days", "churn risk 64/100");
        String all = reply.toString();
        assertThat(all).contains("Product usage", "logins fell 60% in 30 days", "NPS", "Support").doesNotContain("Seats");
        assertThat(pipeline.inboxRows()).isEmpty();
    }

    @Test
    void healthCommandForAnUnknownAccountSaysWhatToType() throws Exception {
        ScoredAccounts.seed(pipeline.database());
        JsonNode reply = json(hooks.commands(signed("command=%2Fhealth&text=globex")));
        assertThat(reply.path("response_type").asText()).isEqualTo("ephemeral");
        assertThat(reply.path("text").asText()).contains("No account matches", "globex", "web domain");
    }

    @Test
    void healthCommandWithSeveralMatchesListsThemEscaped() throws Exception {
        ScoredAccounts.seed(pipeline.database());
        JsonNode reply = json(hooks.commands(signed("command=%2Fhealth&text=acme")));
        assertThat(reply.path("text").asText()).contains("Acme Corp", "Acme Europe &lt;GmbH&gt;");
    }

    @Test
    void healthCommandWithoutTextExplainsItself() throws Exception {
        assertThat(json(hooks.commands(signed("command=%2Fhealth&text="))).path("text").asText()).startsWith("Usage: `/health");
    }

    @Test
    void forgedStaleFutureTruncatedOversizedAndNonUtf8RequestsLeaveNoTrace() throws Exception {
        String form = AlertActionTranslatorTest.form(AlertActionTranslatorTest.payload());
        byte[] body = form.getBytes(StandardCharsets.UTF_8);
        HttpServletRequest forged = FakeRequest.of(body, Map.of("X-Slack-Request-Timestamp", Long.toString(NOW),
                "X-Slack-Signature", "v0=" + "ab".repeat(32)));
        rejected(() -> hooks.interactions(forged), 401);
        rejected(() -> hooks.interactions(signed(body, NOW - 301, Map.of())), 401);
        rejected(() -> hooks.interactions(signed(body, NOW + 301, Map.of())), 401);
        HttpServletRequest good = signed(body, NOW, Map.of());
        HttpServletRequest truncated = FakeRequest.of(java.util.Arrays.copyOf(body, body.length / 2),
                Map.of("X-Slack-Request-Timestamp", good.getHeader("X-Slack-Request-Timestamp"),
                        "X-Slack-Signature", good.getHeader("X-Slack-Signature")));
        rejected(() -> hooks.interactions(truncated), 401);
        byte[] oversized = ("payload=" + "x".repeat(RawBody.LIMIT)).getBytes(StandardCharsets.UTF_8);
        rejected(() -> hooks.interactions(FakeRequest.of(oversized, Map.of())), 413);
        byte[] latin1 = "{\"type\":\"event_callback\",\"event_id\":\"Ev1\",\"event_time\":1768471200,\"event\":{\"text\":\"caf\u00e9\"}}"
                .getBytes(StandardCharsets.ISO_8859_1);
        rejected(() -> hooks.events(signedBytes(latin1, NOW)), 400);
        byte[] deep = ("{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
        rejected(() -> hooks.events(signed(deep, NOW, Map.of())), 400);
        rejected(() -> hooks.commands(signed(body, NOW - 600, Map.of())), 401);
    }

    interface Call {
        Response run() throws Exception;
    }

    void rejected(Call call, int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HookRejection.class, r -> assertThat(r.status()).isEqualTo(status));
        assertThat(pipeline.inboxRows()).isEmpty();
    }
}
