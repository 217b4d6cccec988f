package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
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
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In-app nudges end to end over HTTP (CONTRACT §7): definitions saved, audited and dry-run through the
 * admin API; {@code /hooks/nudges/next} serving only to a verified user, within the gap; shown and clicked
 * reports arriving as signals and counted in the results; CORS only for the allowed origins.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NudgesIT {

    static final String IDENTITY_SECRET = "it-nudges-identity-secret";

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
