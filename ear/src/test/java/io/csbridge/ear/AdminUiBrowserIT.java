package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.group;
import static io.csbridge.ear.UsageMessages.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin UI in real headless Chromium, as a new user would use it: log in, find the account that
 * just turned Red, see why, override it, try a model change in a dry run, look after the integrations;
 * a viewer changes nothing; the UI speaks Japanese to a Japanese browser. Each page's screenshot is
 * kept in target/screenshots.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminUiBrowserIT {

    static final String CHROMIUM = "/usr/bin/chromium";
    static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String ADMIN_UI = CsBridgeClient.BASE + "/admin/";

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
    void anAdministratorFindsTheAccountThatJustTurnedRedSeesWhyAndOverridesIt() {
        String name = "Falling Star " + UUID.randomUUID().toString().substring(0, 6);
        String id = accountThatTurnedRed(name);
        WebDriver browser = browser("en-US");

        logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        awaitReady(browser);
        assertThat(browser.findElement(By.id("tile-nps")).getText()).contains("NPS").contains("n =");
        assertThat(browser.findElement(By.id("tile-churn")).getText()).contains("Customer churn");
        assertThat(browser.findElement(By.id("tile-grr")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("at-risk")).getText()).contains(name);
        screenshot(browser, "overview");

        browser.findElement(By.linkText("Accounts")).click();
        awaitReady(browser);
        new Select(browser.findElement(By.id("band"))).selectByValue("Red");
        browser.findElement(By.id("q")).sendKeys(name);
        browser.findElement(By.id("apply")).click();
        await(browser, b -> b.findElement(By.id("accounts-count")).getText().equals("Accounts found: 1") ? true : null);
        WebElement link = browser.findElement(By.cssSelector("a[data-account='" + id + "']"));
        assertThat(browser.findElement(By.id("accounts-table")).getText()).contains("Red");
        screenshot(browser, "accounts");

        link.click();
        awaitReady(browser);
        await(browser, b -> b.findElement(By.id("drivers")).getText().contains("Points") ? true : null);
        assertThat(browser.findElement(By.id("account-name")).getText()).contains(name).contains("Red");
        String why = browser.findElement(By.id("drivers")).getText();
        assertThat(why).as("each driver with its explanation and inputs").contains("weight").contains("impact");
        assertThat(browser.findElement(By.id("link-salesforce")).getAttribute("href")).endsWith("/001" + id.substring(4, 10));
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Report Viewed");
        assertThat(browser.findElement(By.id("milestones")).getText()).isNotBlank();
        screenshot(browser, "account-red");

        browser.findElement(By.id("override-score")).sendKeys("75");
        browser.findElement(By.id("override-reason")).sendKeys("Renewal signed last week");
        browser.findElement(By.id("override-save")).click();
        WebElement active = await(browser, b -> b.findElements(By.id("override-active")).stream().findFirst().orElse(null));
        assertThat(active.getText()).contains("75").contains("Renewal signed last week").contains(CsBridgeClient.ADMIN);
        await(browser, b -> b.findElement(By.id("fact-band")).getText().contains("Yellow") || b.findElement(By.id("fact-band")).getText().contains("Green") ? true : null);
        screenshot(browser, "account-overridden");
        assertThat(client.admin("/accounts/" + id).json().get("healthScore").asInt()).isEqualTo(75);
    }

    @Test
    void anAdministratorTriesAModelChangeInADryRunAndSeesTheBacktestBeforeSaving() {
        accountThatTurnedRed("Dry Run Co " + UUID.randomUUID().toString().substring(0, 6));
        WebDriver browser = browser("en-US");
        logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        browser.get(ADMIN_UI + "models.html");
        awaitReady(browser);
        WebElement save = browser.findElement(By.id("health-save"));
        assertThat(save.isEnabled()).as("nothing is saved untried").isFalse();
        browser.findElement(By.id("health-tab-json")).click(); // the JSON is the "Advanced" tab beside the form

        // Raise the Green threshold of every health model: some accounts would move band.
        ((JavascriptExecutor) browser).executeScript("""
                const area = document.getElementById('health-json');
                const config = JSON.parse(area.value);
                for (const m of config.healthModels) { m.bands.green = 99; m.bands.yellow = 98; }
                area.value = JSON.stringify(config, null, 2);
                area.dispatchEvent(new Event('input'));""");
        browser.findElement(By.id("health-dryrun")).click();
        WebElement summary = await(browser, b -> b.findElements(By.id("dryrun-summary")).stream().findFirst().orElse(null));
        assertThat(summary.getText()).matches("\\d+ of \\d+ accounts would change band .*");
        assertThat(save.isEnabled()).isTrue();
        screenshot(browser, "models-dry-run");

        browser.findElement(By.id("health-backtest")).click();
        WebElement auc = await(browser, b -> b.findElements(By.id("backtest-risk-auc")).stream().findFirst().orElse(null));
        // With no account churned in the window there is nothing to rank: the page says so instead of a number.
        assertThat(auc.getText()).matches("[0-9.]+|–");
        assertThat(browser.findElement(By.id("backtest-summary")).getText()).contains("churned");
        screenshot(browser, "models-backtest");

        browser.findElement(By.id("health-json")).sendKeys(Keys.END, " ");
        assertThat(save.isEnabled()).as("an edit after the dry run takes Save away").isFalse();

        ((JavascriptExecutor) browser).executeScript("document.getElementById('health-json').value = '{ not json';"
                + "document.getElementById('health-json').dispatchEvent(new Event('input'));");
        browser.findElement(By.id("health-dryrun")).click();
        await(browser, b -> b.findElement(By.id("health-result")).getText().contains("not valid JSON") ? true : null);
        assertThat(client.admin("/model").json().get("config").get("healthModels").get(0).get("bands").get("green").asInt())
                .as("the dry run saved nothing").isNotEqualTo(99);
    }

    @Test
    void theIntegrationsPageShowsEachConnectorTheQueuesAndTheSetupWithoutSecrets() {
        String stranger = "stranger-" + UUID.randomUUID();
        client.postUsage("""
                {"type":"track","messageId":"o-%s","userId":"%s","event":"Report Viewed","timestamp":"%s"}"""
                .formatted(stranger, stranger, Instant.now().minusSeconds(60)));
        client.awaitAdmin("/identities/unmatched", a -> a.body().contains(stranger), 30);
        WebDriver browser = browser("en-US");
        logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        browser.get(ADMIN_UI + "integrations.html");
        awaitReady(browser);

        assertThat(browser.findElement(By.id("connectors")).getText()).contains("salesforce").contains("sandbox");
        assertThat(browser.findElement(By.id("unmatched")).getText()).contains(stranger);
        assertThat(browser.findElement(By.id("setup")).getText()).contains("/hooks/usage").contains("usage.webhook-secret")
                .contains("set (secret, not shown)");
        assertThat(browser.getPageSource()).doesNotContain(CsBridgeClient.USAGE_SECRET);
        screenshot(browser, "integrations");

        // Link the waiting user to a new account from the queue.
        int row = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#unmatched tbody tr')].findIndex(r => r.textContent.includes(arguments[0]))", stranger)).intValue();
        browser.findElement(By.id("create-name-" + row)).clear();
        browser.findElement(By.id("create-name-" + row)).sendKeys("Stranger Co");
        browser.findElements(By.cssSelector("#unmatched tbody tr")).get(row).findElement(By.xpath(".//button[text()='Create account']")).click();
        await(browser, b -> b.findElement(By.id("unmatched-result")).getText().contains("created for " + stranger) ? true : null);
        assertThat(client.admin("/identities/unmatched").body()).doesNotContain(stranger);

        // A backfill shows its progress until it finishes.
        browser.findElement(By.id("rescore")).click();
        await(browser, b -> b.findElement(By.id("jobs")).getText().contains("finished") ? true : null);
        screenshot(browser, "integrations-rescore");
    }

    @Test
    void aViewerSeesEveryPageButNoWayToChangeAnythingAndTheApiRefusesThemToo() {
        String id = accountThatTurnedRed("Viewer View " + UUID.randomUUID().toString().substring(0, 6));
        String viewer = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(client.send(HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api/users"))
                .header("Authorization", AdminLoginIT.basic(CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + viewer + "\",\"password\":\"viewer-password-1\",\"roles\":[\"cs-viewer\"]}"))
                .build()).status()).isEqualTo(200);
        WebDriver browser = browser("en-US");
        logIn(browser, viewer, "viewer-password-1");
        awaitReady(browser);
        assertThat(browser.findElement(By.id("role")).getText()).contains("viewer");

        browser.get(ADMIN_UI + "account.html?id=" + id);
        awaitReady(browser);
        assertThat(browser.findElements(By.id("override-form"))).isEmpty();
        assertThat(browser.findElement(By.id("drivers")).getText()).isNotBlank();
        screenshot(browser, "viewer-account");

        browser.get(ADMIN_UI + "models.html");
        awaitReady(browser);
        assertThat(browser.findElements(By.id("health-save"))).isEmpty();
        assertThat(browser.findElements(By.id("health-dryrun"))).isEmpty();
        assertThat(browser.findElement(By.id("health-json")).getAttribute("readonly")).isNotNull();
        screenshot(browser, "viewer-models");

        browser.get(ADMIN_UI + "integrations.html");
        awaitReady(browser);
        assertThat(browser.findElements(By.id("rescore"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button[data-retry]"))).isEmpty();
        assertThat(browser.findElement(By.id("unmatched")).findElements(By.tagName("button"))).isEmpty();
        screenshot(browser, "viewer-integrations");

        // Even a hand-made request from the viewer's own session, with its CSRF token, is refused.
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch('session').then(r => r.json()).then(s => fetch('api/accounts/' + encodeURIComponent(arguments[0]) + '/override', {
                  method: 'POST', headers: {'Content-Type': 'application/json', 'X-CSRF-Token': s.csrfToken},
                  body: JSON.stringify({healthScore: 99, reason: 'sneaky', expiresAt: '2099-01-01'})}))
                  .then(r => done(r.status), e => done(String(e)));""", id);
        assertThat(status).isEqualTo(403L);
    }

    @Test
    void aJapaneseBrowserGetsTheUiInJapaneseAndCanSwitchToEnglishByKeyboard() {
        WebDriver browser = browser("ja");
        browser.get(ADMIN_UI);
        await(browser, b -> b.findElement(By.id("login-submit")).getText().equals("ログイン") ? true : null);
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("ja");
        screenshot(browser, "login-ja");

        // Keyboard only: the username field has focus, Tab goes to the password, Enter logs in.
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("username");
        browser.switchTo().activeElement().sendKeys(CsBridgeClient.ADMIN, Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("password");
        browser.switchTo().activeElement().sendKeys(CsBridgeClient.ADMIN_PASSWORD, Keys.ENTER);
        awaitReady(browser);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("概要");
        assertThat(browser.findElement(By.id("tile-churn")).getText()).contains("顧客チャーン率");
        screenshot(browser, "overview-ja");

        // An account's drivers in Japanese, exactly as the API explains them to a Japanese reader.
        String id = accountThatTurnedRed("Japanese Reader " + UUID.randomUUID().toString().substring(0, 6));
        List<String> japanese = new ArrayList<>();
        client.adminIn("/accounts/" + id, "ja").json().get("drivers").forEach(d -> japanese.add(d.get("explanation").asText()));
        List<String> english = new ArrayList<>();
        client.admin("/accounts/" + id).json().get("drivers").forEach(d -> english.add(d.get("explanation").asText()));
        assertThat(japanese).hasSameSizeAs(english).isNotEqualTo(english);
        assertThat(japanese.get(0)).matches(".*[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}].*");
        browser.get(ADMIN_UI + "account.html?id=" + id);
        awaitReady(browser);
        await(browser, b -> b.findElement(By.id("drivers")).getText().contains(japanese.get(0)) ? true : null);
        String shown = browser.findElement(By.id("drivers")).getText();
        assertThat(japanese).allSatisfy(text -> assertThat(shown).contains(text));
        screenshot(browser, "account-ja");
        browser.get(ADMIN_UI);
        awaitReady(browser);

        // The first Tab reaches the skip link, which moves focus past the navigation.
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.switchTo().activeElement().getAttribute("class")).isEqualTo("skip");
        new Select(browser.findElement(By.id("lang"))).selectByValue("en");
        await(browser, b -> "Overview".equals(b.findElement(By.tagName("h1")).getText()) ? true : null);
        awaitReady(browser);

        browser.findElement(By.id("logout")).click();
        await(browser, b -> b.getCurrentUrl().contains("login.html?out=1") ? true : null);
        assertThat(browser.findElement(By.id("login-message")).getText()).isEqualTo("You are logged out.");
        browser.get(ADMIN_UI + "models.html");
        await(browser, b -> b.getCurrentUrl().contains("login.html?next=") ? true : null);
    }

    /** An account busy two months ago and silent for 45 days: its health falls to Red. */
    private String accountThatTurnedRed(String name) {
        String id = "red-" + UUID.randomUUID();
        Instant now = Instant.now();
        List<String> messages = new ArrayList<>();
        messages.add(group("g-" + id, id, name, id + ".example", "001" + id.substring(4, 10), now.minus(Duration.ofDays(75))));
        for (int day = 75; day >= 45; day -= 2) {
            messages.add(track("t" + day + "-" + id, id, "Report Viewed", now.minus(Duration.ofDays(day))));
        }
        assertThat(client.postUsage(batch(messages)).status()).isEqualTo(200);
        JsonNode account = client.awaitAdmin("/accounts/" + id, a -> a.status() == 200 && "Red".equals(a.json().path("band").asText()), 30).json();
        assertThat(account.path("band").asText()).as("band of %s: %s", id, account).isEqualTo("Red");
        return id;
    }

    private WebDriver browser(String language) {
        WebDriver browser = chromium(language);
        browsers.add(browser);
        return browser;
    }

    /** Headless Debian Chromium through its chromedriver (nothing downloaded); skips the test where absent. */
    static WebDriver chromium(String language) {
        Assumptions.assumeTrue(new File(CHROMIUM).canExecute(), "Chromium is not installed at " + CHROMIUM
                + " (apt-get install chromium chromium-driver): browser tests skipped");
        Assumptions.assumeTrue(new File(CHROMEDRIVER).canExecute(), "chromedriver is not installed at " + CHROMEDRIVER
                + " (apt-get install chromium-driver): browser tests skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--window-size=1366,1000", "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).build();
        return new ChromeDriver(service, options);
    }

    static void logIn(WebDriver browser, String user, String password) {
        browser.get(ADMIN_UI);
        await(browser, b -> b.getCurrentUrl().contains("login.html") && !b.findElement(By.id("login-submit")).getText().isEmpty() ? true : null);
        screenshot(browser, "login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        await(browser, b -> b.getCurrentUrl().endsWith("/admin/") ? true : null);
    }

    static void awaitReady(WebDriver browser) {
        await(browser, b -> "true".equals(b.findElement(By.tagName("body")).getAttribute("data-ready")) ? true : null);
    }

    static <T> T await(WebDriver browser, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** The whole page (the window is stretched to its height for the shot), as a laptop-wide screen shows it. */
    static void screenshot(WebDriver browser, String name) {
        Dimension laptop = browser.manage().window().getSize();
        long height = ((Number) ((JavascriptExecutor) browser).executeScript(
                "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")).longValue();
        try {
            Files.createDirectories(SCREENSHOTS);
            browser.manage().window().setSize(new Dimension(laptop.getWidth(), (int) Math.min(Math.max(height + 140, laptop.getHeight()), 5000)));
            CsBridgeClient.sleep(300);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            browser.manage().window().setSize(laptop);
        } catch (IOException e) {
            throw new AssertionError("cannot keep the screenshot " + name, e);
        }
    }
}
