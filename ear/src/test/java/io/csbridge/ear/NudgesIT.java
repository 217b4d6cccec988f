package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.traits;
import static io.csbridge.ear.UsageMessages.trackBy;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In-app nudges end to end over HTTP (CONTRACT §7): definitions saved, audited and dry-run through the
 * admin API; {@code /hooks/nudges/next} serving only to a verified user, within the gap; shown and clicked
 * reports arriving as signals and counted in the results; CORS only for the allowed origins; push mode
 * against a WireMock receiver on a dynamic port (the server's {@code nudges.webhook-url} and secret set
 * through the management API for that test, removed afterwards).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NudgesIT {

    static final String IDENTITY_SECRET = "it-nudges-identity-secret";
    static final String PUSH_SECRET = "it-nudges-push-secret";

    @ArquillianResource
    ManagementClient management;

    final CsBridgeClient client = new CsBridgeClient();
    final Instant now = Instant.now();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @Test
    void aDefinedNudgeIsDryRunSavedServedToItsVerifiedUserOnceWithinTheGapAndItsClickCounted() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String group = "nudge-" + run;
        String user = userNotHeldOut("setup-" + run, "ann-" + run);
        client.postUsage(batch(List.of(
                traits("g-" + group, group, "\"name\":\"Nudged " + run + "\",\"nudgeRun\":\"" + run + "\"", now.minus(Duration.ofDays(3))),
                trackBy("t1-" + group, group, user, "Dashboard Opened", "", now.minus(Duration.ofDays(2))),
                trackBy("t2-" + group, group, user, "Dashboard Opened", "", now.minus(Duration.ofMinutes(30))))));
        client.awaitAdmin("/accounts/" + group, a -> a.status() == 200 && a.json().get("signalCount").asInt() == 3, 30);

        String definitions = definitions(run);
        CsBridgeClient.Answer invalid = put("/nudges", "{\"nudges\":[{\"id\":\"bad id\",\"enabled\":true}]}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("error").asText()).isEqualTo("invalid_nudges");
        assertThat(put("/nudges", "{not json").status()).isEqualTo(400);

        CsBridgeClient.Answer dry = put("/nudges?dryRun=true", definitions);
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("nudges").get("setup-" + run).get("users").asInt()).as("the dry run's users").isGreaterThanOrEqualTo(1);
        assertThat(dry.json().get("who").findValuesAsText("userId")).contains(user);
        assertThat(dry.json().get("heldBack").isObject()).isTrue();

        CsBridgeClient.Answer saved = put("/nudges?note=it", definitions);
        assertThat(saved.status()).isEqualTo(200);
        JsonNode current = client.admin("/nudges").json();
        assertThat(current.get("version").asInt()).isEqualTo(saved.json().get("version").asInt());
        assertThat(current.get("nudges").findValuesAsText("id")).contains("setup-" + run, "tour-" + run);
        assertThat(client.admin("/audit?limit=20").body()).contains("nudges.save");

        assertThat(next(user, group, "0".repeat(64), "en").status()).as("a wrong userHash").isEqualTo(401);
        assertThat(next(user, group, null, "en").status()).as("no userHash").isEqualTo(401);

        CsBridgeClient.Answer first = next(user, group, hash(user), "ja");
        assertThat(first.status()).isEqualTo(200);
        JsonNode nudge = first.json().get("nudge");
        assertThat(nudge.get("id").asText()).isEqualTo("setup-" + run);
        assertThat(nudge.get("title").asText()).isEqualTo("チームを招待しましょう");
        assertThat(nudge.get("language").asText()).isEqualTo("ja");
        assertThat(nudge.get("button").get("url").asText()).isEqualTo("/settings/team");

        assertThat(track(user, group, "Nudge Shown", "setup-" + run).status()).isEqualTo(200);
        assertThat(track(user, group, "Nudge Clicked", "setup-" + run).status()).isEqualTo(200);
        assertThat(track(user, group, "Nudge Clicked", "setup-" + run, "0".repeat(64)).status()).isEqualTo(401);
        assertThat(trackRaw("{not json").status()).isEqualTo(400);
        assertThat(trackRaw("""
                {"userId":"%s","groupId":"%s","userHash":"%s","event":"Nudge Clicked","nudgeId":"setup-%s"}"""
                .formatted(user, group, hash(user), run)).status()).as("no messageId").isEqualTo(400);
        assertThat(trackRaw("""
                {"userId":"%s","groupId":"%s","userHash":"%s","event":"Nudge Exploded","nudgeId":"setup-%s","messageId":"m1"}"""
                .formatted(user, group, hash(user), run)).status()).as("not a nudge event").isEqualTo(400);
        assertThat(next(user, "g".repeat(300), hash(user), "en").status()).as("an overlong groupId").isEqualTo(400);

        CsBridgeClient.Answer second = next(user, group, hash(user), "en");
        assertThat(second.json().get("nudge").isNull()).as("the second nudge the same hour waits for the gap").isTrue();

        JsonNode results = client.awaitAdmin("/nudges/results", a -> a.status() == 200
                && clicked(a.json(), "setup-" + run) == 1, 30).json();
        assertThat(clicked(results, "setup-" + run)).as("refused reports stored nothing").isEqualTo(1);
        JsonNode setup = result(results, "setup-" + run);
        assertThat(setup.get("shown").asInt()).isEqualTo(1);
        assertThat(setup.get("shownGroup").get("n").asInt()).isEqualTo(1);
    }

    @Test
    void corsOnlyForTheAllowedOriginsAndTheWidgetScriptIsServed() {
        String user = "cors-" + UUID.randomUUID();
        CsBridgeClient.Answer allowed = client.send(HttpRequest.newBuilder(URI.create(nextUrl(user, "", hash(user), "en")))
                .header("Origin", "http://127.0.0.1:5173").GET().build());
        assertThat(allowed.status()).isEqualTo(200);
        var allowedHeaders = sendForHeaders(nextUrl(user, "", hash(user), "en"), "http://127.0.0.1:5173");
        assertThat(allowedHeaders.firstValue("Access-Control-Allow-Origin")).hasValue("http://127.0.0.1:5173");
        var other = sendForHeaders(nextUrl(user, "", hash(user), "en"), "https://evil.example");
        assertThat(other.firstValue("Access-Control-Allow-Origin")).isEmpty();

        CsBridgeClient.Answer widget = client.get(CsBridgeClient.BASE + "/hooks/nudges/widget.js");
        assertThat(widget.status()).isEqualTo(200);
        assertThat(widget.body()).contains("CSBridge.nudges").contains("Escape").contains("aria-label");
    }

    @Test
    void pushModePostsTheDueNudgeSignedAndAReceiverOutageDelaysItButItArrivesOnce() throws Exception {
        WireMockServer receiver = new WireMockServer(options().dynamicPort());
        receiver.start();
        // The receiver is down for the first two attempts, then takes the push.
        receiver.stubFor(post(urlEqualTo("/product/nudges")).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("still down"));
        receiver.stubFor(post(urlEqualTo("/product/nudges")).inScenario("outage").whenScenarioStateIs("still down")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        receiver.stubFor(post(urlEqualTo("/product/nudges")).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String group = "push-" + run;
        String nudgeId = "push-" + run;
        String user = userNotHeldOut(nudgeId, "pam-" + run);
        try {
            systemProperty("nudges.webhook-secret", PUSH_SECRET);
            systemProperty("nudges.webhook-url", receiver.baseUrl() + "/product/nudges");
            assertThat(put("/nudges?note=it-push", """
                    {"nudges":[{"id":"%s","enabled":true,
                      "messages":{"en":{"title":"Connect your CRM","body":"One click.","buttonLabel":"Connect","buttonUrl":"/crm"}},
                      "targeting":{"attributes":{"nudgeRun":"%s"}},"untilTimes":1,"duringAlerts":true}]}"""
                    .formatted(nudgeId, run)).status()).isEqualTo(200);
            client.postUsage(batch(List.of("""
                    {"type":"group","messageId":"g-%1$s","groupId":"%1$s","userId":"%2$s","timestamp":"%3$s",
                     "traits":{"name":"Pushed %4$s","nudgeRun":"%4$s"}}""".formatted(group, user, now.minus(Duration.ofMinutes(5)), run),
                    trackBy("t-" + group, group, user, "Dashboard Opened", "", now))));

            Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
            while (received(receiver).size() < 3 && Instant.now().isBefore(deadline)) Thread.sleep(500);
            JsonNode delivered = client.awaitAdmin("/deliveries?channel=nudges&status=DELIVERED&limit=1000",
                    a -> a.status() == 200 && pushesTo(a.json(), user).size() == 1, 60).json();
            Thread.sleep(8_000); // several more sweeps: the user is still active, the nudge must not go out again
            List<LoggedRequest> got = received(receiver);
            assertThat(got).as("two refused attempts, then the one that arrived").hasSize(3);
            assertThat(got).extracting(LoggedRequest::getBodyAsString).as("the same push every time").containsOnly(got.get(0).getBodyAsString());
            for (LoggedRequest r : got) {
                assertThat(r.getHeader("X-CSBridge-Signature")).as("signature").isEqualTo(hmac(PUSH_SECRET, r.getBody()));
                assertThat(r.getHeader("Content-Type")).startsWith("application/json");
            }
            JsonNode body = new CsBridgeClient.Answer(200, got.get(0).getBodyAsString()).json();
            assertThat(body.get("userId").asText()).isEqualTo(user);
            assertThat(body.get("groupId").asText()).isEqualTo(group);
            assertThat(body.get("pushId").asText()).isEqualTo("nudge:" + nudgeId + ":" + user + ":0");
            assertThat(body.get("nudge").get("id").asText()).isEqualTo(nudgeId);
            assertThat(body.get("nudge").get("title").asText()).isEqualTo("Connect your CRM");
            assertThat(body.get("nudge").get("button").get("url").asText()).isEqualTo("/crm");

            JsonNode row = pushesTo(delivered, user).get(0);
            assertThat(row.get("attempts").asInt()).as("delayed by the outage, retried by the outbox").isEqualTo(3);
            assertThat(pushesTo(client.admin("/deliveries?channel=nudges&limit=1000").json(), user)).as("queued once").hasSize(1);
            JsonNode result = result(client.awaitAdmin("/nudges/results", a -> a.status() == 200, 30).json(), nudgeId);
            assertThat(result.get("shownGroup").get("n").asInt()).as("the exposure, recorded once").isEqualTo(1);
            assertThat(next(user, group, hash(user), "en").json().get("nudge").isNull())
                    .as("asked after the push: the same decision, the push counted").isTrue();
        } finally {
            removeProperty("nudges.webhook-url");
            removeProperty("nudges.webhook-secret");
            receiver.stop();
        }
    }

    static List<LoggedRequest> received(WireMockServer receiver) {
        return receiver.findAll(postRequestedFor(urlEqualTo("/product/nudges")));
    }

    static List<JsonNode> pushesTo(JsonNode deliveries, String user) {
        List<JsonNode> out = new java.util.ArrayList<>();
        for (JsonNode d : deliveries.get("items")) if (user.equals(d.path("target").asText())) out.add(d);
        return out;
    }

    static String hmac(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    void systemProperty(String name, String value) throws java.io.IOException {
        removeProperty(name);
        ModelNode add = property("add", name);
        add.get("value").set(value);
        ModelNode result = management.getControllerClient().execute(add);
        assertThat(result.get("outcome").asString()).as("%s", result).isEqualTo("success");
    }

    void removeProperty(String name) throws java.io.IOException {
        management.getControllerClient().execute(property("remove", name));
    }

    static ModelNode property(String operation, String name) {
        ModelNode op = new ModelNode();
        op.get("operation").set(operation);
        op.get("address").add("system-property", name);
        return op;
    }

    static String definitions(String run) {
        return """
                {"nudges":[
                 {"id":"setup-%1$s","enabled":true,
                  "messages":{"en":{"title":"Invite your team","body":"Work goes faster together.","buttonLabel":"Invite","buttonUrl":"/settings/team"},
                              "ja":{"title":"チームを招待しましょう","body":"一緒に使うと早く進みます。","buttonLabel":"招待する","buttonUrl":"/settings/team"}},
                  "targeting":{"attributes":{"nudgeRun":"%1$s"}},
                  "goal":{"event":"Team Invited"},"untilTimes":1,"duringAlerts":true},
                 {"id":"tour-%1$s","enabled":true,
                  "messages":{"en":{"title":"Take the tour","body":"Two minutes.","buttonLabel":"Start","buttonUrl":"/tour"}},
                  "targeting":{"attributes":{"nudgeRun":"%1$s"}},"untilTimes":1,"duringAlerts":true}
                ]}""".formatted(run);
    }

    /** A user id (from {@code prefix}) outside the 10% holdout of {@code nudgeId}, as the server's stable hash puts it. */
    static String userNotHeldOut(String nudgeId, String prefix) {
        for (int i = 0; ; i++) {
            String user = prefix + "-" + i;
            if (bucket(nudgeId, user) >= 10) return user;
        }
    }

    static int bucket(String nudgeId, String userId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest((nudgeId + '\u0000' + userId).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) v = (v << 8) | (h[i] & 0xff);
            return (int) Long.remainderUnsigned(v, 100);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hash(String userId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(IDENTITY_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(userId.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String nextUrl(String user, String group, String userHash, String language) {
        return CsBridgeClient.BASE + "/hooks/nudges/next?userId=" + enc(user) + "&groupId=" + enc(group)
                + (userHash == null ? "" : "&userHash=" + enc(userHash)) + "&language=" + enc(language);
    }

    CsBridgeClient.Answer next(String user, String group, String userHash, String language) {
        return client.get(nextUrl(user, group, userHash, language));
    }

    CsBridgeClient.Answer track(String user, String group, String event, String nudgeId) {
        return track(user, group, event, nudgeId, hash(user));
    }

    CsBridgeClient.Answer track(String user, String group, String event, String nudgeId, String userHash) {
        String body = """
                {"userId":"%s","groupId":"%s","userHash":"%s","event":"%s","nudgeId":"%s","messageId":"%s"}"""
                .formatted(user, group, userHash, event, nudgeId, UUID.randomUUID());
        return client.send(HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/hooks/nudges/track"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    CsBridgeClient.Answer trackRaw(String body) {
        return client.send(HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/hooks/nudges/track"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    CsBridgeClient.Answer put(String path, String body) {
        String auth = Base64.getEncoder().encodeToString((CsBridgeClient.ADMIN + ":" + CsBridgeClient.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return client.send(HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api" + path))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    static java.net.http.HttpHeaders sendForHeaders(String url, String origin) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Origin", origin).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding()).headers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode result(JsonNode results, String nudgeId) {
        for (JsonNode r : results.get("items")) if (r.get("nudgeId").asText().equals(nudgeId)) return r;
        return null;
    }

    static int clicked(JsonNode results, String nudgeId) {
        JsonNode r = result(results, nudgeId);
        return r == null ? -1 : r.get("clicked").asInt();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
