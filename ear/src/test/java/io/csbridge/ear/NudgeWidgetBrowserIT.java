package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.traits;
import static io.csbridge.ear.UsageMessages.trackBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget in real headless Chromium on a small product page served from this JVM (another origin than
 * CS Bridge, allowed by {@code nudges.allowed-origins}): a targeted user sees the nudge with focus on its
 * button, clicks it by keyboard and the click arrives as a signal; the next nudge the same hour is held back
 * by the gap; a wrong userHash shows nothing; Escape dismisses and gives focus back; Japanese pages get Japanese.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NudgeWidgetBrowserIT {

    final CsBridgeClient client = new CsBridgeClient();
    final NudgesIT api = new NudgesIT();
    final Instant now = Instant.now();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    WebDriver browser;
    HttpServer product;

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @AfterEach
    void close() {
        if (browser != null) browser.quit();
        if (product != null) product.stop(0);
    }

    @Test
    void aTargetedUserSeesClicksByKeyboardThenTheGapHoldsTheNextAndAWrongHashShowsNothing() throws Exception {
        String group = "widget-" + run;
        String setup = "setup-" + run;
        String tour = "tour-" + run;
        String ann = outsideBothHoldouts(setup, tour, "ann-" + run);
        String kenji = outsideBothHoldouts(setup, tour, "kenji-" + run);
        client.postUsage(batch(List.of(
                traits("g-" + group, group, "\"name\":\"Widget " + run + "\",\"nudgeRun\":\"" + run + "\"", now.minus(Duration.ofDays(3))),
                trackBy("t1-" + group, group, ann, "Dashboard Opened", "", now.minus(Duration.ofDays(1))),
                trackBy("t2-" + group, group, kenji, "Dashboard Opened", "", now.minus(Duration.ofDays(1))))));
        client.awaitAdmin("/accounts/" + group, a -> a.status() == 200 && a.json().get("signalCount").asInt() == 3, 30);
        assertThat(api.put("/nudges", NudgesIT.definitions(run)).status()).isEqualTo(200);
        startProductPage();

        browser = AdminUiBrowserIT.chromium("en-US");
        browser.get(page(ann, group, NudgesIT.hash(ann), "en"));
        WebElement dialog = awaitDialog();
        AdminUiBrowserIT.screenshot(browser, "nudge-widget-shown");
        assertThat(dialog.getAttribute("data-nudge-id")).isEqualTo(setup);
        assertThat(dialog.getAttribute("role")).isEqualTo("dialog");
        assertThat(browser.findElement(By.id("csb-nudge-title")).getText()).isEqualTo("Invite your team");
        assertThat(browser.findElement(By.cssSelector(".csb-nudge-close")).getAttribute("aria-label")).isEqualTo("Dismiss");
        WebElement focused = browser.switchTo().activeElement();
        assertThat(focused.getAttribute("class")).as("focus on the nudge's button").isEqualTo("csb-nudge-action");
        focused.sendKeys(Keys.ENTER);
        AdminUiBrowserIT.await(browser, b -> b.getCurrentUrl().endsWith("/settings/team") ? true : null);

        JsonNode results = client.awaitAdmin("/nudges/results", a -> a.status() == 200
                && NudgesIT.clicked(a.json(), setup) == 1 && NudgesIT.result(a.json(), setup).get("shown").asInt() == 1, 30).json();
        assertThat(NudgesIT.clicked(results, setup)).as("the click arrived as a signal").isEqualTo(1);
        assertThat(client.admin("/accounts/" + group + "/timeline").body()).contains("Nudge Clicked");

        browser.get(page(ann, group, NudgesIT.hash(ann), "en"));
        assertThat(awaitOutcome()).as("the tour, the same hour, waits for the gap").isEqualTo("none");
        assertThat(browser.findElements(By.cssSelector(".csb-nudge"))).isEmpty();

        browser.get(page(kenji, group, NudgesIT.hash(ann), "en"));
        assertThat(awaitOutcome()).as("another user's hash").isEqualTo("none");
        assertThat(browser.findElements(By.cssSelector(".csb-nudge"))).isEmpty();

        browser.get(page(kenji, group, NudgesIT.hash(kenji), "ja"));
        WebElement japanese = awaitDialog();
        AdminUiBrowserIT.screenshot(browser, "nudge-widget-ja");
        assertThat(browser.findElement(By.id("csb-nudge-title")).getText()).isEqualTo("チームを招待しましょう");
        assertThat(browser.findElement(By.cssSelector(".csb-nudge-close")).getAttribute("aria-label")).isEqualTo("閉じる");
        assertThat(japanese.getAttribute("lang")).isEqualTo("ja");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        AdminUiBrowserIT.await(browser, b -> b.findElements(By.cssSelector(".csb-nudge")).isEmpty() ? true : null);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus given back").isEqualTo("search");
        client.awaitAdmin("/nudges/results", a -> a.status() == 200
                && NudgesIT.result(a.json(), setup).get("dismissed").asInt() == 1, 30);
        assertThat(NudgesIT.result(client.admin("/nudges/results").json(), setup).get("dismissed").asInt()).isEqualTo(1);
    }

    @Test
    void theNudgesPageShowsResultsWithAChartAndSavesOnlyWhatWasDryRun() {
        String runDefs = NudgesIT.definitions(run);
        assertThat(api.put("/nudges", runDefs).status()).isEqualTo(200);
        browser = AdminUiBrowserIT.chromium("en-US");
        AdminUiBrowserIT.logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        browser.get(AdminUiBrowserIT.ADMIN_UI + "nudges.html");
        AdminUiBrowserIT.awaitReady(browser);
        assertThat(browser.findElement(By.cssSelector("nav a[aria-current=page]")).getText()).isEqualTo("Nudges");
        assertThat(browser.findElement(By.id("nudge-results")).getText()).contains("setup-" + run, "tour-" + run);
        Object bars = ((JavascriptExecutor) browser).executeScript(
                "return Chart.getChart(document.getElementById('nudge-chart')).data.labels;");
        assertThat(bars.toString()).contains("setup-" + run);
        assertThat(browser.findElement(By.id("nudges-json")).getAttribute("value")).contains("setup-" + run);
        WebElement save = browser.findElement(By.id("nudges-save"));
        assertThat(save.isEnabled()).as("no Save before a dry run").isFalse();
        browser.findElement(By.id("nudges-dry-run")).click();
        AdminUiBrowserIT.await(browser, b -> b.findElement(By.id("nudges-save")).isEnabled() ? true : null);
        assertThat(browser.findElement(By.id("nudges-dry")).getText()).contains("Would have shown");
        AdminUiBrowserIT.screenshot(browser, "nudges-page-dry-run");
        browser.findElement(By.id("nudges-json")).sendKeys(" ");
        assertThat(browser.findElement(By.id("nudges-save")).isEnabled()).as("an edit after the dry run").isFalse();
        browser.findElement(By.id("nudges-dry-run")).click();
        AdminUiBrowserIT.await(browser, b -> b.findElement(By.id("nudges-save")).isEnabled() ? true : null);
        int before = client.admin("/nudges").json().get("version").asInt();
        browser.findElement(By.id("nudges-save")).click();
        AdminUiBrowserIT.await(browser, b -> b.findElement(By.id("nudges-status")).getText().contains("version") ? true : null);
        assertThat(client.admin("/nudges").json().get("version").asInt()).isEqualTo(before + 1);
    }

    private WebElement awaitDialog() {
        assertThat(awaitOutcome()).isNotEqualTo("none");
        return browser.findElement(By.cssSelector(".csb-nudge"));
    }

    private String awaitOutcome() {
        return AdminUiBrowserIT.await(browser, b -> (String) ((JavascriptExecutor) b)
                .executeScript("return document.body.dataset.nudge || null;"));
    }

    static String outsideBothHoldouts(String a, String b, String prefix) {
        for (int i = 0; ; i++) {
            String user = prefix + "-" + i;
            if (NudgesIT.bucket(a, user) >= 10 && NudgesIT.bucket(b, user) >= 10) return user;
        }
    }

    private String page(String user, String group, String hash, String lang) {
        return "http://127.0.0.1:" + product.getAddress().getPort() + "/app?user=" + NudgesIT.enc(user) + "&group="
                + NudgesIT.enc(group) + "&hash=" + hash + "&lang=" + lang;
    }

    /** A product page on its own origin: it focuses a search box, then includes the widget with one script tag. */
    private void startProductPage() throws IOException {
        product = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        product.createContext("/", exchange -> {
            Map<String, String> q = new HashMap<>();
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    String[] kv = pair.split("=", 2);
                    q.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
                }
            }
            String html = """
                    <!doctype html><html lang="%s"><head><meta charset="utf-8"><title>Product</title></head>
                    <body><h1>Product</h1><input id="search" aria-label="Search">
                    <script>document.getElementById('search').focus();</script>
                    <script src="%s/hooks/nudges/widget.js"></script>
                    <script>CSBridge.nudges({userId: %s, groupId: %s, userHash: %s})
                      .then(function (n) { document.body.dataset.nudge = n ? n.id : 'none'; });</script>
                    </body></html>""".formatted(q.getOrDefault("lang", "en"), CsBridgeClient.BASE,
                    js(q.get("user")), js(q.get("group")), js(q.get("hash")));
            byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        product.start();
    }

    private static String js(String s) {
        return s == null ? "null" : "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("<", "\\u003c") + "\"";
    }
}
