package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.openqa.selenium.support.ui.Select;

import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.csbridge.ear.AdminUiBrowserIT.ADMIN_UI;
import static io.csbridge.ear.AdminUiBrowserIT.await;
import static io.csbridge.ear.AdminUiBrowserIT.awaitReady;
import static io.csbridge.ear.AdminUiBrowserIT.chromium;
import static io.csbridge.ear.AdminUiBrowserIT.logIn;
import static io.csbridge.ear.AdminUiBrowserIT.screenshot;
import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.group;
import static io.csbridge.ear.UsageMessages.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model, onboarding plan and alert rule editors in real headless Chromium, as a CS operations admin
 * would use them: change a weight, a due day and a rule in forms, see the live preview (band moves,
 * named examples, AUC beside the current model's, onboarding states, alerts per owner) agree with what
 * the API answers for exactly that configuration, save, and find the saved version equal to what the
 * form showed; a JSON edit in the Advanced tab shows up in the form; a viewer sees the forms read-only.
 * Screenshots in target/screenshots (model-editor-*).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ModelEditorsBrowserIT {

    static final ObjectMapper JSON = new ObjectMapper();

    final CsBridgeClient client = new CsBridgeClient();
    final List<WebDriver> browsers = new ArrayList<>();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void aWeightChangedInTheFormShowsTheBandMovesAndAucTheApiAnswersAndIsSavedAsShown() throws Exception {
        String name = "Busy Bee " + UUID.randomUUID().toString().substring(0, 6);
        busyAccount("0-busy-" + UUID.randomUUID(), name);
        WebDriver browser = adminOn("models.html");
        WebElement save = browser.findElement(By.id("health-save"));
        assertThat(save.isEnabled()).as("nothing is saved untried").isFalse();

        // The adopted model: active days count ten times as much as before.
        Object adopted = js(browser, "return JSON.parse(document.getElementById('health-json').value).healthModels"
                + ".findIndex(m => m.stage === 'ADOPTED' && m.segment === '*')");
        new Select(browser.findElement(By.id("hm-pick"))).selectByValue(String.valueOf(adopted));
        WebElement weight = browser.findElement(By.cssSelector("#hm-measures input[data-measure='activeDays']"));
        String shareBefore = shareOf(browser, weight);
        weight.sendKeys(Keys.chord(Keys.CONTROL, "a"), "200");
        assertThat(shareOf(browser, weight)).as("the share of the total follows the weight").isNotEqualTo(shareBefore);
        assertThat(js(browser, "return JSON.parse(document.getElementById('health-json').value).healthModels[arguments[0]]"
                + ".measures.find(m => m.measure === 'ACTIVE_DAYS').weight", adopted)).isEqualTo(200L);

        await(browser, b -> save.isEnabled() ? true : null); // the preview of exactly this text passed
        JsonNode shown = previewShown(browser);
        JsonNode api = previewFromApi(browser);
        assertThat(shown.get("changed").asInt()).isEqualTo(api.get("dryRun").get("changes").size()).isPositive();
        assertThat(browser.findElement(By.id("preview-better")).getText()).as("named examples, with their bands").contains(name).contains("Yellow").contains("Green");
        for (var e : api.get("dryRun").get("moves").properties()) {
            String[] move = e.getKey().split("->");
            assertThat(browser.findElement(By.id("preview-moves")).getText()).contains(move[0] + " → " + move[1] + ": " + e.getValue().asInt());
        }
        assertThat(shown.get("healthCurrent").asText()).isEqualTo(api.get("currentBacktest").get("healthAuc").asText());
        assertThat(shown.get("healthProposed").asText()).isEqualTo(api.get("proposedBacktest").get("healthAuc").asText());
        assertThat(shown.get("riskCurrent").asText()).isEqualTo(api.get("currentBacktest").get("riskAuc").asText());
        assertThat(shown.get("riskProposed").asText()).isEqualTo(api.get("proposedBacktest").get("riskAuc").asText());
        screenshot(browser, "model-editor-preview");

        // A JSON edit in the Advanced tab shows up in the form (and takes Save away until previewed again).
        browser.findElement(By.id("health-tab-json")).click();
        js(browser, """
                const area = document.getElementById('health-json');
                const config = JSON.parse(area.value);
                config.healthModels[arguments[0]].measures.find(m => m.measure === 'ACTIVE_USERS').weight = 7;
                area.value = JSON.stringify(config, null, 2);
                area.dispatchEvent(new Event('input'));""", adopted);
        assertThat(save.isEnabled()).isFalse();
        screenshot(browser, "model-editor-advanced-json");
        browser.findElement(By.id("health-tab-form")).click();
        assertThat(browser.findElement(By.cssSelector("#hm-measures input[data-measure='activeUsers']")).getAttribute("value")).isEqualTo("7");
        assertThat(browser.findElement(By.cssSelector("#hm-measures input[data-measure='activeDays']")).getAttribute("value")).isEqualTo("200");
        await(browser, b -> save.isEnabled() ? true : null);

        String formJson = (String) js(browser, "return JSON.stringify(JSON.parse(document.getElementById('health-json').value).healthModels)");
        save.click();
        browser.switchTo().alert().accept();
        await(browser, b -> b.findElement(By.id("health-result")).getText().contains("Saved as version") ? true : null);
        assertThat(js(browser, "return fetch('api/model').then(r => r.json()).then(m => JSON.stringify(m.config.healthModels))"))
                .as("the saved model is what the form showed").isEqualTo(formJson);
        JsonNode saved = client.admin("/model").json().get("config").get("healthModels").get(((Number) adopted).intValue());
        assertThat(saved.get("measures").findValues("weight").stream().map(JsonNode::asDouble).toList()).contains(200.0, 7.0);
        screenshot(browser, "model-editor-saved");
    }

    @Test
    void aLaterDueDayInThePlanFormShowsTheAccountBackOnTrackAsTheApiDoesAndIsSavedAsShown() throws Exception {
        String id = "0-onb-" + UUID.randomUUID();
        Instant now = Instant.now();
        assertThat(client.postUsage(batch(List.of(group("g-" + id, id, "Slow Start " + id.substring(6, 12), id + ".example",
                "001" + id.substring(6, 12), now.minus(Duration.ofDays(25))),
                track("t-" + id, id, "Signed In", now.minus(Duration.ofDays(24)))))).status()).isEqualTo(200);
        client.awaitAdmin("/accounts/" + id, a -> a.status() == 200, 30);
        WebDriver browser = adminOn("models.html");

        for (String key : List.of("setup-completed", "integration-connected")) {
            WebElement due = browser.findElement(By.cssSelector("#pl-milestones li[data-key='" + key + "'] input[id^='pl-due-']"));
            due.sendKeys(Keys.chord(Keys.CONTROL, "a"), "40");
        }
        WebElement save = browser.findElement(By.id("plans-save"));
        await(browser, b -> save.isEnabled() ? true : null);
        JsonNode api = previewFromApi(browser);
        for (String state : List.of("on-track", "behind", "stalled", "completed")) {
            for (String side : List.of("current", "proposed")) {
                assertThat(browser.findElement(By.id("preview-onb-" + state + "-" + side)).getAttribute("data-value"))
                        .as(state + " " + side).isEqualTo(String.valueOf(api.get(side + "Onboarding").path(state).asInt(0)));
            }
        }
        assertThat(api.get("proposedOnboarding").path("on-track").asInt()).isPositive();
        screenshot(browser, "model-editor-plan");

        String formJson = (String) js(browser, "return JSON.stringify(JSON.parse(document.getElementById('plans-json').value))");
        save.click();
        browser.switchTo().alert().accept();
        await(browser, b -> b.findElement(By.id("plans-result")).getText().contains("Saved as version") ? true : null);
        assertThat(js(browser, "return fetch('api/model').then(r => r.json()).then(m => JSON.stringify(m.config.onboardingPlans))"))
                .isEqualTo(formJson);
    }

    @Test
    void anAlertRuleReadsAsASentenceItsDryRunIsShownPerOwnerAndItIsSavedAsShown() {
        WebDriver browser = adminOn("models.html");
        WebElement cooldown = browser.findElement(By.id("ar-cooldown-0"));
        cooldown.sendKeys(Keys.chord(Keys.CONTROL, "a"), "24");
        WebElement segments = browser.findElement(By.id("ar-segments-0"));
        segments.sendKeys(Keys.chord(Keys.CONTROL, "a"), "high-touch");
        WebElement cap = browser.findElement(By.id("ar-cap"));
        cap.sendKeys(Keys.chord(Keys.CONTROL, "a"), "10");
        assertThat(browser.findElement(By.id("ar-sentence-0")).getText())
                .contains("in segment high-touch").contains("tell its owner (at most 10 a day per owner, then the digest)")
                .contains("at most once every 24 hours");
        WebElement save = browser.findElement(By.id("alerts-save"));
        await(browser, b -> save.isEnabled() ? true : null); // the 30-day dry run of exactly these rules ran
        assertThat(browser.findElement(By.id("alerts-per-owner")).isDisplayed()).isTrue();
        screenshot(browser, "model-editor-alerts");

        String formJson = (String) js(browser, "return JSON.stringify(JSON.parse(document.getElementById('alerts-json').value))");
        save.click();
        browser.switchTo().alert().accept();
        await(browser, b -> b.findElement(By.id("alerts-result")).getText().contains("Saved as version") ? true : null);
        assertThat(js(browser, "return fetch('api/alert-rules').then(r => r.json()).then(r => JSON.stringify(r.rules))")).isEqualTo(formJson);
    }

    @Test
    void aViewerSeesTheFormsReadOnly() {
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api/users"))
                .header("Authorization", AdminLoginIT.basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + viewer + "\",\"password\":\"viewer-password-1\",\"roles\":[\"cs-viewer\"]}"))
                .build()).status()).isEqualTo(200);
        WebDriver browser = browser("en-US");
        logIn(browser, viewer, "viewer-password-1");
        browser.get(ADMIN_UI + "models.html");
        awaitReady(browser);
        WebElement weight = browser.findElement(By.cssSelector("#hm-measures input[data-measure]"));
        assertThat(weight.isDisplayed()).as("the form is shown").isTrue();
        assertThat(weight.isEnabled()).as("but read-only").isFalse();
        assertThat(browser.findElement(By.id("pl-due-0")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("ar-cooldown-0")).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("ar-sentence-0")).getText()).startsWith("When ");
        assertThat(browser.findElements(By.id("hm-add-measure"))).allMatch(b -> !b.isDisplayed());
        assertThat(browser.findElements(By.id("health-save"))).isEmpty();
        screenshot(browser, "model-editor-viewer");
    }

    @Test
    void theFormsSpeakJapaneseToAJapaneseBrowser() {
        WebDriver browser = browser("ja");
        logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        browser.get(ADMIN_UI + "models.html");
        awaitReady(browser);
        assertThat(browser.findElement(By.id("health-tab-form")).getText()).isEqualTo("フォーム");
        assertThat(browser.findElement(By.id("health-tab-json")).getText()).isEqualTo("詳細設定 (JSON)");
        assertThat(browser.findElement(By.id("hm-measures")).getText()).contains("重み").contains("アクティブ日数");
        assertThat(browser.findElement(By.id("ar-sentence-0")).getText()).contains("時間に 1 回まで");
        // Keyboard: the arrow key moves from the Form tab to the Advanced tab and shows the JSON.
        browser.findElement(By.id("plans-tab-form")).sendKeys(Keys.ARROW_RIGHT);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("plans-tab-json");
        assertThat(browser.findElement(By.id("plans-json")).isDisplayed()).isTrue();
        screenshot(browser, "model-editor-ja");
    }

    @Test
    void thePreviewApiAnswers400ForAMissingOrInvalidModelAndChangesNothing() {
        String before = client.admin("/model").body();
        HttpRequest.Builder preview = HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api/model/preview"))
                .header("Authorization", AdminLoginIT.basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD))
                .header("Content-Type", "application/json");
        CsBridgeClient.Answer none = client.send(preview.POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("'config'");
        CsBridgeClient.Answer invalid = client.send(preview.POST(HttpRequest.BodyPublishers.ofString(
                "{\"config\": {\"version\": \"x\", \"healthModels\": []}}")).build());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("problems");
        assertThat(client.admin("/model").body()).isEqualTo(before);
        assertThat(client.admin("/model/distributions").json().get("measures").findValuesAsText("measure")).contains("activeDays", "nps");
    }

    /** An account using the product every day for two months, for 200 days a customer: Yellow under the standard model. */
    private void busyAccount(String id, String name) {
        Instant now = Instant.now();
        List<String> messages = new ArrayList<>();
        messages.add(group("g-" + id, id, name, id + ".example", "001" + id.substring(7, 13), now.minus(Duration.ofDays(200))));
        for (int day = 60; day >= 1; day--) messages.add(track("t" + day + "-" + id, id, "Report Viewed", now.minus(Duration.ofDays(day))));
        assertThat(client.postUsage(batch(messages)).status()).isEqualTo(200);
        client.awaitAdmin("/accounts/" + id, a -> a.status() == 200 && a.json().path("healthScore").asInt() > 0, 30);
    }

    private WebDriver adminOn(String page) {
        WebDriver browser = browser("en-US");
        logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        browser.get(ADMIN_UI + page);
        awaitReady(browser);
        return browser;
    }

    private WebDriver browser(String language) {
        WebDriver browser = chromium(language);
        browsers.add(browser);
        return browser;
    }

    private static String shareOf(WebDriver browser, WebElement weight) {
        return browser.findElement(By.id(weight.getAttribute("id").replace("weight", "share"))).getText();
    }

    /** What the preview shows: the number of accounts changing band and the four AUCs (raw values). */
    private static JsonNode previewShown(WebDriver browser) throws Exception {
        return JSON.readTree((String) js(browser, """
                const v = id => document.getElementById(id).dataset.value;
                return JSON.stringify({changed: Number(document.getElementById('preview-summary').dataset.changed),
                  healthCurrent: v('preview-health-auc-current'), healthProposed: v('preview-health-auc-proposed'),
                  riskCurrent: v('preview-risk-auc-current'), riskProposed: v('preview-risk-auc-proposed')});"""));
    }

    /** The preview API's answer for exactly the configuration in the editors and the page's backtest window. */
    private static JsonNode previewFromApi(WebDriver browser) throws Exception {
        return JSON.readTree((String) js(browser, """
                const config = {...JSON.parse(document.getElementById('health-json').value),
                  onboardingPlans: JSON.parse(document.getElementById('plans-json').value)};
                const body = {config, asOf: document.getElementById('backtest-from').value, until: document.getElementById('backtest-until').value};
                return fetch('session').then(r => r.json()).then(s => fetch('api/model/preview', {method: 'POST',
                  headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken}, body: JSON.stringify(body)}))
                  .then(r => r.text());"""));
    }

    /** Runs a script; one returning a promise is awaited. */
    private static Object js(WebDriver browser, String script, Object... args) {
        String async = "const done = arguments[arguments.length - 1];"
                + "Promise.resolve((function () {" + script + "}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))"
                + ".then(done, e => done('error: ' + e));";
        return ((JavascriptExecutor) browser).executeAsyncScript(async, args);
    }
}
