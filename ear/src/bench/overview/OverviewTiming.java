import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Overview page's time in real headless Chromium (issue 12 item 5, target under 1 s), for
 * docs/BENCHMARKS.md: not a test. Logs in once, then opens the Overview RUNS times and reports, per load,
 * the time from the start of navigation until the page shows its KPI tiles, trend chart and at-risk list
 * (the page marks that moment with {@code body[data-ready]}; an observer injected before any page script
 * records {@code performance.now()} then), and the slowest of the page's API calls.
 *   java -cp SELENIUM_CLASSPATH OverviewTiming.java BASE_URL USER PASSWORD RUNS
 */
public class OverviewTiming {

    static final String MARK_READY = """
            new MutationObserver(() => {
              if (!window.__readyAt && document.body && document.body.dataset.ready === 'true') window.__readyAt = performance.now();
            }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });""";

    static final String SHOWN = """
            const tiles = document.querySelectorAll('#kpis .tile').length;
            const trend = window.Chart && Chart.getChart('trend-chart');
            const atRisk = document.querySelectorAll('#at-risk tbody tr').length;
            const status = document.getElementById('overview-status');
            const api = performance.getEntriesByType('resource').filter(e => e.name.includes('/admin/api/'));
            return { tiles, trendPoints: trend ? trend.data.labels.length : -1, atRisk,
                     error: status && !status.hidden ? status.textContent : '',
                     readyAt: window.__readyAt || -1,
                     slowestApi: Math.max(0, ...api.map(e => e.duration)), apiCalls: api.length,
                     slowestApiName: (api.sort((a, b) => b.duration - a.duration)[0] || {}).name || '' };""";

    public static void main(String[] args) {
        String base = args[0].endsWith("/") ? args[0] : args[0] + "/";
        String user = args[1];
        String password = args[2];
        int runs = Integer.parseInt(args[3]);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--window-size=1366,1000");
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).build(), options);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
            browser.get(base + "admin/");
            wait.until(b -> b.getCurrentUrl().contains("login.html") && !b.findElement(By.id("login-submit")).getText().isEmpty());
            browser.findElement(By.id("username")).sendKeys(user);
            browser.findElement(By.id("password")).sendKeys(password);
            browser.findElement(By.id("login-submit")).click();
            wait.until(b -> b.getCurrentUrl().endsWith("/admin/"));
            browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", MARK_READY));
            browser.executeCdpCommand("Network.enable", Map.of());
            List<Double> ready = new ArrayList<>();
            for (int run = 0; run <= runs; run++) { // run 0: the first load after login (empty cache for the page's files)
                if (run == 0) browser.executeCdpCommand("Network.clearBrowserCache", Map.of());
                browser.get(base + "admin/index.html");
                wait.until(b -> "true".equals(b.findElement(By.tagName("body")).getAttribute("data-ready")));
                @SuppressWarnings("unchecked")
                Map<String, Object> shown = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(SHOWN);
                double at = ((Number) shown.get("readyAt")).doubleValue();
                boolean complete = ((Number) shown.get("tiles")).intValue() >= 8 && ((Number) shown.get("trendPoints")).intValue() > 0
                        && ((Number) shown.get("atRisk")).intValue() > 0 && ((String) shown.get("error")).isEmpty() && at > 0;
                System.out.printf("load %d%s: shown at %.0f ms (tiles %s, trend points %s, at-risk rows %s, %s API calls, slowest %.0f ms %s)%s%n",
                        run, run == 0 ? " (cold cache)" : "", at, shown.get("tiles"), shown.get("trendPoints"), shown.get("atRisk"),
                        shown.get("apiCalls"), ((Number) shown.get("slowestApi")).doubleValue(),
                        String.valueOf(shown.get("slowestApiName")).replaceAll("^.*/admin/api", ""),
                        complete ? "" : "  INCOMPLETE: " + shown);
                if (!complete) throw new IllegalStateException("the Overview did not show all its parts");
                if (run > 0) ready.add(at);
            }
            ready.sort(null);
            System.out.printf("Overview shown (warm cache, %d loads): p50 %.0f ms, p95 %.0f ms, max %.0f ms%n", ready.size(),
                    quantile(ready, .5), quantile(ready, .95), ready.get(ready.size() - 1));
        } finally {
            browser.quit();
        }
    }

    static double quantile(List<Double> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.round(p * (sorted.size() - 1))));
    }
}
