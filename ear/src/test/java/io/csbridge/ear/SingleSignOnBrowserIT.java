package io.csbridge.ear;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single sign-on in headless Chromium against a real OpenID Connect provider started in the test JVM
 * (NAV's mock-oauth2-server from Maven Central, its standalone server in a JVM of its own on a dynamic
 * port, with its interactive login page; its classpath is admin-ui's test scope, so that its Kotlin never
 * changes what the EAR bundles): a
 * person logs in on the provider's page and lands on the admin UI with the role the groups claim gives;
 * a viewer cannot do admin-only things; someone in no mapped group is refused; the built-in users still
 * log in. The server's {@code admin.oidc.*} settings are set through the management API and removed after.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@SuppressWarnings("unchecked")
class SingleSignOnBrowserIT {

    static final List<String> PROPERTIES = List.of("admin.oidc.provider-url", "admin.oidc.client-id", "admin.oidc.client-secret");

    @ArquillianResource
    ManagementClient management;

    static Process provider;
    static String providerBase;
    final CsBridgeClient client = new CsBridgeClient();
    WebDriver browser;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @BeforeAll
    static void startTheProvider() throws IOException, InterruptedException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        providerBase = "http://127.0.0.1:" + port;
        String classpath = Files.readString(Path.of(System.getProperty("oidc.provider.classpath"))).trim();
        ProcessBuilder start = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", classpath, "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt");
        start.environment().put("SERVER_HOSTNAME", "127.0.0.1");
        start.environment().put("SERVER_PORT", Integer.toString(port));
        start.environment().put("JSON_CONFIG", "{\"interactiveLogin\": true}");
        provider = start.redirectErrorStream(true).redirectOutput(new File("target/oidc-provider.log")).start();
        CsBridgeClient client = new CsBridgeClient();
        for (int i = 0; i < 120; i++) {
            if (client.send(HttpRequest.newBuilder(URI.create(providerBase + "/corp/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(2)).GET().build()).status() == 200) return;
            assertThat(provider.isAlive()).as("the provider runs (target/oidc-provider.log)").isTrue();
            Thread.sleep(500);
        }
        throw new AssertionError("the OpenID Connect provider did not start: target/oidc-provider.log");
    }

    @AfterAll
    static void stopTheProvider() throws InterruptedException {
        if (provider != null) {
            provider.destroy();
            provider.waitFor();
        }
    }

    @BeforeEach
    void pointTheServerAtTheProvider() throws IOException {
        systemProperty("admin.oidc.provider-url", providerBase + "/corp");
        systemProperty("admin.oidc.client-id", "cs-bridge-admin");
        systemProperty("admin.oidc.client-secret", "it-oidc-client-secret");
    }

    @AfterEach
    void putTheServerBack() throws IOException {
        if (browser != null) browser.quit();
        for (String name : PROPERTIES) management.getControllerClient().execute(operation("remove", name));
    }

    @Test
    void anAdministratorLogsInOnTheProvidersPageAndGetsCsAdminFromTheGroupsClaim() {
        signInThroughTheProvider("ada", "[\"cs-admin\", \"staff\"]");

        Map<?, ?> session = session();
        assertThat(session.get("user")).isEqualTo("ada");
        assertThat((List<Object>) session.get("roles")).containsExactly("cs-admin");
        assertThat(browser.findElement(By.cssSelector("header.top")).getText()).contains("ada");
        AdminUiBrowserIT.screenshot(browser, "sso-admin-overview");

        browser.get(AdminUiBrowserIT.ADMIN_UI + "integrations.html");
        AdminUiBrowserIT.awaitReady(browser);
        assertThat(browser.findElements(By.id("zendesk-setup"))).as("admin-only controls are there").hasSize(1);
        assertThat(change("api/jobs/rescore")).as("an admin-only change").isEqualTo(200L);
    }

    @Test
    void aViewerFromTheGroupsClaimCannotDoAdminOnlyThings() {
        signInThroughTheProvider("victor", "[\"cs-viewer\"]");

        assertThat((List<Object>) session().get("roles")).containsExactly("cs-viewer");
        browser.get(AdminUiBrowserIT.ADMIN_UI + "integrations.html");
        AdminUiBrowserIT.awaitReady(browser);
        assertThat(browser.findElements(By.id("zendesk-setup"))).isEmpty();
        assertThat(browser.findElements(By.id("rescore"))).isEmpty();
        assertThat(change("api/jobs/rescore")).as("the API refuses a viewer").isEqualTo(403L);
        assertThat(change("api/integrations/zendesk/setup")).isEqualTo(403L);
        AdminUiBrowserIT.screenshot(browser, "sso-viewer-integrations");
    }

    @Test
    void someoneInNoMappedGroupIsRefusedAndTheBuiltInUsersStillLogIn() {
        browser = AdminUiBrowserIT.chromium("en-US");
        providerLogin("mallory", "[\"sales\"]");
        AdminUiBrowserIT.await(browser, b -> b.getCurrentUrl().contains("login.html?sso=denied") ? true : null);
        assertThat(browser.findElement(By.id("login-message")).getText()).contains("no group");
        assertThat(client.admin("/pipeline").status()).as("HTTP Basic for programs").isEqualTo(200);

        AdminUiBrowserIT.logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        AdminUiBrowserIT.awaitReady(browser);
        assertThat((List<Object>) session().get("roles")).contains("cs-admin");
        assertThat(session().get("user")).isEqualTo(CsBridgeClient.ADMIN);
    }

    private void signInThroughTheProvider(String username, String groups) {
        browser = AdminUiBrowserIT.chromium("en-US");
        providerLogin(username, groups);
        AdminUiBrowserIT.await(browser, b -> b.getCurrentUrl().endsWith("/admin/") ? true : null);
        AdminUiBrowserIT.awaitReady(browser);
    }

    /** From CS Bridge's login page to the provider's, and its form filled in as a person would. */
    private void providerLogin(String username, String groups) {
        browser.get(AdminUiBrowserIT.ADMIN_UI);
        AdminUiBrowserIT.await(browser, b -> b.getCurrentUrl().contains("login.html") && b.findElement(By.id("sso")).isDisplayed() ? true : null);
        assertThat(browser.findElement(By.id("sso-login")).getText()).isEqualTo("Sign in with single sign-on");
        browser.findElement(By.id("sso-login")).click();
        AdminUiBrowserIT.await(browser, b -> b.getCurrentUrl().startsWith(providerBase) ? true : null);
        AdminUiBrowserIT.screenshot(browser, "sso-provider-login");
        browser.findElement(By.name("username")).sendKeys(username);
        var claims = browser.findElement(By.name("claims"));
        claims.clear();
        claims.sendKeys("{\"groups\": " + groups + "}");
        browser.findElement(By.cssSelector("input[type=submit]")).click();
    }

    private Map<?, ?> session() {
        return (Map<?, ?>) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/admin/session', {headers: {Accept: 'application/json'}}).then(r => r.json()).then(done);");
    }

    /** A change from the browser's session, with its CSRF token, as the UI makes one: the HTTP status. */
    private Long change(String path) {
        return (Long) ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/admin/session').then(r => r.json()).then(s => fetch('/admin/" + path + "', {method: 'POST',"
                        + " headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken, 'X-CSBridge-UI': '1'},"
                        + " body: '{}'})).then(r => done(r.status));");
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
