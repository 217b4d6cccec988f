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
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin login as a browser and a program see it over plain HTTP: the login page and session for
 * people, HTTP Basic for programs, logout, the CSRF token on changes from a session, and roles.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminLoginIT {

    static final String ADMIN = CsBridgeClient.BASE + "/admin";

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    /** A browser-like client: keeps cookies, does not follow redirects (so they can be checked). */
    static final class Visitor {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        HttpResponse<String> get(String path, String... headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ADMIN + path)).GET();
            if (headers.length > 0) b.headers(headers);
            return send(b);
        }

        HttpResponse<String> post(String path, String contentType, String body, String... headers) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ADMIN + path)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            if (headers.length > 0) b.headers(headers);
            return send(b);
        }

        HttpResponse<String> login(String user, String password, String next) {
            return post("/login", "application/x-www-form-urlencoded", "username=" + enc(user) + "&password=" + enc(password)
                    + (next == null ? "" : "&next=" + enc(next)));
        }

        JsonNode session() {
            HttpResponse<String> answer = get("/session");
            assertThat(answer.statusCode()).as("GET /session").isEqualTo(200);
            return json(answer.body());
        }
    }

    @Test
    void pagesNeedALoginButTheLoginPageAndItsAssetsDoNot() {
        Visitor v = new Visitor();
        HttpResponse<String> overview = v.get("/accounts.html?band=Red");
        assertThat(overview.statusCode()).isEqualTo(302);
        assertThat(overview.headers().firstValue("Location").orElseThrow())
                .endsWith("/admin/login.html?next=" + enc("/accounts.html?band=Red"));
        assertThat(v.get("/login.html").statusCode()).isEqualTo(200);
        assertThat(v.get("/js/app.js").statusCode()).isEqualTo(200);
        assertThat(v.get("/css/admin.css").statusCode()).isEqualTo(200);
        assertThat(v.get("/webjars/chart.js/4.5.1/dist/chart.umd.min.js").statusCode()).isEqualTo(200);
        assertThat(v.get("/login.html").headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
    }

    @Test
    void theLoginPageStartsASessionThatLogoutEnds() {
        Visitor v = new Visitor();
        HttpResponse<String> login = v.login(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD, "/accounts.html?band=Red");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/admin/accounts.html?band=Red");
        assertThat(login.headers().allValues("Set-Cookie").toString()).contains("JSESSIONID").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Lax");

        JsonNode session = v.session();
        assertThat(session.get("user").asText()).isEqualTo(CsBridgeClient.ADMIN);
        assertThat(session.get("canChange").asBoolean()).isTrue();
        assertThat(session.get("timeoutSeconds").asInt()).isEqualTo(1800);
        String token = session.get("csrfToken").asText();
        assertThat(token).hasSizeGreaterThan(30);
        assertThat(v.get("/api/accounts?limit=1").statusCode()).isEqualTo(200);
        assertThat(v.get("/accounts.html").statusCode()).isEqualTo(200);

        assertThat(v.post("/logout", "application/x-www-form-urlencoded", "csrf=wrong").statusCode()).isEqualTo(403);
        HttpResponse<String> logout = v.post("/logout", "application/x-www-form-urlencoded", "csrf=" + enc(token));
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login.html?out=1");
        assertThat(v.get("/session").statusCode()).isEqualTo(302);
        assertThat(v.get("/api/accounts?limit=1", "X-CSBridge-UI", "1").statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongPasswordGivesNoSessionAndSaysSo() {
        Visitor v = new Visitor();
        HttpResponse<String> login = v.login(CsBridgeClient.ADMIN, "not-the-password", "/models.html");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/admin/login.html?error=1&next=" + enc("/models.html"));
        assertThat(v.get("/session").statusCode()).isEqualTo(302);
    }

    @Test
    void afterLoginTheBrowserIsNeverSentToAnotherSite() {
        for (String next : new String[]{"//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"}) {
            HttpResponse<String> login = new Visitor().login(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD, next);
            assertThat(login.headers().firstValue("Location").orElseThrow()).as(next).endsWith("/admin/").doesNotContain("evil");
        }
    }

    @Test
    void programsUseHttpBasicAndGetABasicChallengeButTheUiGetsAPlain401() {
        HttpResponse<String> program = new Visitor().get("/api/accounts?limit=1");
        assertThat(program.statusCode()).isEqualTo(401);
        assertThat(program.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic realm=\"CS Bridge\"");
        HttpResponse<String> ui = new Visitor().get("/api/accounts?limit=1", "X-CSBridge-UI", "1");
        assertThat(ui.statusCode()).isEqualTo(401);
        assertThat(ui.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(new Visitor().get("/api/accounts?limit=1", "Authorization", basic(CsBridgeClient.ADMIN, "wrong")).statusCode()).isEqualTo(401);
        assertThat(new Visitor().get("/api/accounts?limit=1", "Authorization", basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void aChangeFromTheBrowserSessionNeedsItsCsrfTokenButABasicCallWithoutSessionDoesNot() {
        Visitor v = new Visitor();
        v.login(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD, null);
        String token = v.session().get("csrfToken").asText();

        HttpResponse<String> forged = v.post("/api/deliveries/999999999/retry", "application/json", "");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(json(forged.body()).get("error").asText()).isEqualTo("csrf");
        assertThat(v.post("/api/deliveries/999999999/retry", "application/json", "", "X-CSRF-Token", "x" + token).statusCode()).isEqualTo(403);
        // With the token the change reaches the API, which answers for itself (no such dead letter).
        assertThat(v.post("/api/deliveries/999999999/retry", "application/json", "", "X-CSRF-Token", token).statusCode()).isEqualTo(409);

        assertThat(new Visitor().post("/api/deliveries/999999999/retry", "application/json", "",
                "Authorization", basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD)).statusCode()).isEqualTo(409);
        assertThat(new Visitor().post("/api/deliveries/999999999/retry", "application/json", "",
                "Authorization", basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD), "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
    }

    @Test
    void aViewerLogsInReadsAndIsRefusedEveryChangeEvenWithTheToken() {
        String viewer = "ui-viewer-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = new Visitor().post("/api/users", "application/json",
                "{\"username\":\"" + viewer + "\",\"password\":\"viewer-password-1\",\"roles\":[\"cs-viewer\"]}",
                "Authorization", basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD));
        assertThat(created.statusCode()).isEqualTo(200);

        Visitor v = new Visitor();
        v.login(viewer, "viewer-password-1", null);
        JsonNode session = v.session();
        assertThat(session.get("canChange").asBoolean()).isFalse();
        assertThat(session.get("roles").toString()).contains("cs-viewer").doesNotContain("cs-admin");
        String token = session.get("csrfToken").asText();
        assertThat(v.get("/api/accounts?limit=1").statusCode()).isEqualTo(200);
        assertThat(v.get("/api/deliveries").statusCode()).isEqualTo(200);
        for (String path : new String[]{"/api/deliveries/1/retry", "/api/accounts/x/override", "/api/jobs/rescore",
                "/api/identities/unmatched/link", "/api/users"}) {
            assertThat(v.post(path, "application/json", "{}", "X-CSRF-Token", token).statusCode()).as(path).isEqualTo(403);
        }
    }

    @Test
    void theSetupPageNamesEverySecretButShowsNone() {
        Visitor v = new Visitor();
        v.login(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD, null);
        HttpResponse<String> setup = v.get("/ui/setup");
        assertThat(setup.statusCode()).isEqualTo(200);
        assertThat(setup.body()).contains("usage.webhook-secret").contains("/hooks/usage").contains("zendesk.webhook-secret")
                .doesNotContain(CsBridgeClient.USAGE_SECRET);
        JsonNode usage = json(setup.body()).get("vendors").get(0);
        assertThat(usage.get("properties").get(0).get("set").asBoolean()).isTrue();
        assertThat(usage.get("properties").get(0).has("value")).isFalse();
        // The Segment write key: set for the suite, shown only as set, never its value.
        assertThat(usage.get("properties").get(1).get("name").asText()).isEqualTo("usage.write-key");
        assertThat(usage.get("properties").get(1).get("set").asBoolean()).isTrue();
        assertThat(usage.get("properties").get(1).has("value")).isFalse();
        assertThat(setup.body()).contains("/hooks/usage/v1/batch").doesNotContain("it-usage-write-key");
    }

    @Test
    void theUiSpeaksTheLanguageTheBrowserAsksForUnlessThePersonPickedOne() {
        Visitor v = new Visitor();
        JsonNode ja = json(v.get("/i18n/messages", "Accept-Language", "ja-JP,ja;q=0.9,en;q=0.5").body());
        assertThat(ja.get("lang").asText()).isEqualTo("ja");
        assertThat(ja.get("messages").get("login.submit").asText()).isEqualTo("ログイン");
        assertThat(json(v.get("/i18n/messages", "Accept-Language", "fr-FR,ja;q=0.8").body()).get("lang").asText()).isEqualTo("ja");
        assertThat(json(v.get("/i18n/messages", "Accept-Language", "de").body()).get("lang").asText()).isEqualTo("en");
        assertThat(json(v.get("/i18n/messages", "Accept-Language", "ja", "Cookie", "lang=en").body()).get("lang").asText()).isEqualTo("en");
    }

    // ---- login that cannot be guessed, safer doors -------------------------------------------------------

    /** A new user made by the administrator; the test's failures then lock out nobody else. */
    static String newUser(String prefix, String password, String role) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> created = new Visitor().post("/api/users", "application/json",
                "{\"username\":\"" + name + "\",\"password\":\"" + password + "\",\"roles\":[\"" + role + "\"]}",
                "Authorization", basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return name;
    }

    /** A Basic call as if from {@code address}, through the trusted proxy (the test server trusts 127.0.0.1). */
    static HttpResponse<String> basicFrom(String user, String password, String address) {
        return new Visitor().get("/api/accounts?limit=1", "Authorization", basic(user, password), "X-Forwarded-For", address);
    }

    static String someAddress() {
        return "198.51.100." + (1 + (int) (Math.random() * 250));
    }

    /** Wrong passwords until the server stops checking them: every answer before is 401. */
    static HttpResponse<String> failUntilThrottled(String user, String address) {
        for (int i = 0; i < 12; i++) {
            HttpResponse<String> answer = basicFrom(user, "wrong-password-" + i, address);
            if (answer.statusCode() == 429) {
                assertThat(i).as("free failures before the first wait").isGreaterThanOrEqualTo(6);
                return answer;
            }
            assertThat(answer.statusCode()).isEqualTo(401);
        }
        throw new AssertionError("never throttled");
    }

    static long retryAfter(HttpResponse<String> answer) {
        return Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
    }

    @Test
    void failedLoginsWaitLongerAndLongerUntilAnAdministratorLiftsTheLockout() throws InterruptedException {
        String user = newUser("guessed", "the-right-password-1", "cs-viewer");
        String from = someAddress();
        HttpResponse<String> first = failUntilThrottled(user, from);
        assertThat(json(first.body()).get("error").asText()).isEqualTo("too_many_attempts");
        long firstWait = retryAfter(first);
        assertThat(firstWait).isGreaterThanOrEqualTo(1L);
        Thread.sleep(firstWait * 1000 + 200);
        assertThat(basicFrom(user, "another-guess", from).statusCode()).isEqualTo(401);
        HttpResponse<String> second = basicFrom(user, "the-right-password-1", someAddress());
        assertThat(second.statusCode()).as("even the right password waits, from anywhere").isEqualTo(429);
        assertThat(retryAfter(second)).isGreaterThan(firstWait);

        HttpResponse<String> form = new Visitor().post("/login", "application/x-www-form-urlencoded",
                "username=" + enc(user) + "&password=the-right-password-1", "X-Forwarded-For", from);
        assertThat(form.statusCode()).isEqualTo(429);
        assertThat(form.headers().firstValue("Retry-After")).isPresent();
        assertThat(form.body()).contains("Too many failed logins");

        String admin = basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        assertThat(json(new Visitor().get("/api/users/" + user + "/lockout", "Authorization", admin).body()).get("locked").asBoolean()).isTrue();
        HttpResponse<String> lifted = new Visitor().send(java.net.http.HttpRequest.newBuilder(URI.create(ADMIN + "/api/users/" + user + "/lockout"))
                .header("Authorization", admin).DELETE());
        assertThat(lifted.statusCode()).as(lifted.body()).isEqualTo(200);
        assertThat(json(lifted.body()).get("lifted").asBoolean()).isTrue();
        assertThat(basicFrom(user, "the-right-password-1", from).statusCode()).isEqualTo(200);
        JsonNode audit = json(new Visitor().get("/api/audit?subject=" + enc(user), "Authorization", admin).body());
        assertThat(audit.toString()).contains("user.lockout.lift").contains(CsBridgeClient.ADMIN);
    }

    @Test
    void aUserWhoDoesNotExistIsAnsweredExactlyLikeOneWhoDoes() {
        String known = newUser("known", "known-password-12", "cs-viewer");
        String unknown = "unknown-" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> knownAnswers = new ArrayList<>();
        List<Integer> unknownAnswers = new ArrayList<>();
        String a = someAddress();
        String b = someAddress();
        for (int i = 0; i < 6; i++) {
            knownAnswers.add(basicFrom(known, "wrong", a).statusCode());
            unknownAnswers.add(basicFrom(unknown, "wrong", b).statusCode());
        }
        assertThat(knownAnswers).containsOnly(401);
        assertThat(unknownAnswers).isEqualTo(knownAnswers);
        assertThat(basicFrom(known, "wrong", a).statusCode()).isEqualTo(429);
        assertThat(basicFrom(unknown, "wrong", b).statusCode()).isEqualTo(429);
    }

    @Test
    void oneAddressGuessingManyUsersIsThrottledButNobodyElse() {
        String guesser = "203.0.113." + (1 + (int) (Math.random() * 250));
        HttpResponse<String> answer = null;
        for (int i = 0; i < 30; i++) {
            answer = basicFrom("sprayed-" + i + "-" + UUID.randomUUID().toString().substring(0, 4), "Winter2026!", guesser);
            if (answer.statusCode() == 429) break;
        }
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(basicFrom(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD, guesser).statusCode()).isEqualTo(429);
        assertThat(new Visitor().get("/api/accounts?limit=1", "Authorization", basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD))
                .statusCode()).isEqualTo(200);
    }

    @Test
    void aPasswordOfAnyLengthWorks() {
        String password = "a-very-long-passphrase-".repeat(10);
        String user = newUser("long", password, "cs-viewer");
        assertThat(new Visitor().get("/api/accounts?limit=1", "Authorization", basic(user, password)).statusCode()).isEqualTo(200);
        assertThat(new Visitor().get("/api/accounts?limit=1", "Authorization", basic(user, password.substring(0, 80))).statusCode()).isEqualTo(401);
        HttpResponse<String> login = new Visitor().login(user, password, "/models.html");
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/admin/models.html");
    }

    @Test
    void theSessionCookieIsSecureWhenTheBrowserCameOverHttps() {
        HttpResponse<String> viaHttpsProxy = new Visitor().post("/login", "application/x-www-form-urlencoded",
                "username=" + enc(CsBridgeClient.ADMIN) + "&password=" + enc(CsBridgeClient.ADMIN_PASSWORD), "X-Forwarded-Proto", "https");
        assertThat(viaHttpsProxy.statusCode()).isEqualTo(302);
        List<String> cookies = viaHttpsProxy.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).toList();
        assertThat(cookies).hasSize(1);
        assertThat(cookies.get(0)).containsIgnoringCase("; Secure").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");

        HttpResponse<String> plain = new Visitor().login(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD, null);
        assertThat(plain.headers().allValues("Set-Cookie").toString()).contains("JSESSIONID").doesNotContainIgnoringCase("secure");
    }

    @Test
    void aPlainCrossSiteFormCannotReachAChange() {
        String admin = basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        for (String type : new String[]{"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"}) {
            assertThat(new Visitor().post("/api/deliveries/999999999/retry", type, "a=b", "Authorization", admin).statusCode())
                    .as(type).isEqualTo(415);
            assertThat(new Visitor().post("/api/jobs/rescore", type, "a=b", "Authorization", admin).statusCode()).as(type).isEqualTo(415);
            assertThat(new Visitor().post("/api/users", type, "username=x&password=y", "Authorization", admin).statusCode())
                    .as(type).isEqualTo(415);
        }
    }

    @Test
    void rejectionCountsAreForAdministratorsOnly() {
        assertThat(new CsBridgeClient().get(CsBridgeClient.BASE + "/hooks/metrics/rejections").status()).isEqualTo(404);
        String viewer = newUser("metrics-viewer", "viewer-password-1", "cs-viewer");
        assertThat(new Visitor().get("/api/metrics/rejections", "Authorization", basic(viewer, "viewer-password-1")).statusCode()).isEqualTo(403);
        HttpResponse<String> counts = new Visitor().get("/api/metrics/rejections",
                "Authorization", basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD));
        assertThat(counts.statusCode()).isEqualTo(200);
        assertThat(json(counts.body()).has("total")).isTrue();
        assertThat(json(counts.body()).has("byReason")).isTrue();
    }

    @Test
    void fittingAndBacktestingAreForAdministratorsOnly() {
        String viewer = newUser("model-viewer", "viewer-password-1", "cs-viewer");
        for (String path : List.of("/api/model/backtest", "/api/model/fit")) {
            assertThat(new Visitor().post(path, "application/json", "{}", "Authorization", basic(viewer, "viewer-password-1"))
                    .statusCode()).as(path).isEqualTo(403);
        }
        HttpResponse<String> asAdmin = new Visitor().post("/api/model/backtest", "application/json",
                "{\"asOf\":\"2020-01-01\",\"until\":\"2020-06-30\"}",
                "Authorization", basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD));
        assertThat(asAdmin.statusCode()).isEqualTo(200);
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static JsonNode json(String body) {
        return new CsBridgeClient.Answer(200, body).json();
    }
}
