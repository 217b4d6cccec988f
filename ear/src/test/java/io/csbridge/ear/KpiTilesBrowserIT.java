package io.csbridge.ear;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.WebDriver;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static io.csbridge.ear.InboundRequests.SALESFORCE_ORG;
import static io.csbridge.ear.InboundRequests.SALESFORCE_TOKEN;
import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.traits;
import static io.csbridge.ear.UsageMessages.trackBy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Overview shows is what the API says, and both are right: a small portfolio with known
 * answers is seeded through the real webhooks (usage and Salesforce Outbound Messages: milestones,
 * the churned field and won Opportunities come from the CRM), then each KPI
 * tile's text in headless Chromium is compared with {@code GET /admin/api/kpis} and with the numbers
 * worked out by hand. The portfolio lives in 1994-95, before any other test's data, and the page is
 * opened as of then ({@code overview.html?asOf=}); rates do not change if an earlier run left a copy.
 *
 * <p>Four accounts live at the start of the year to 1995-06-30, ARR 100k, 50k, 30k and 20k (200k):
 * the 50k one churns (customer churn 1/4 = 25.0 %), the 30k one downgrades by 10k (revenue churn
 * 60k/200k = 30.0 %, GRR 70.0 %), the 100k one wins a 20k upsell and the 20k one a 5k cross-sell
 * (NRR 165k/200k = 82.5 %, upsell and cross-sell 1/4 = 25.0 %); only the 100k one completes its
 * onboarding plan (25.0 %); NPS answers 10, 9, 10, 8, 3 give 40 (3 promoters, 1 passive, 1 detractor).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class KpiTilesBrowserIT {

    static final Instant AS_OF = Instant.parse("1995-06-30T00:00:00Z");
    static final Instant ONBOARDED = Instant.parse("1994-01-10T00:00:00Z");

    final CsBridgeClient client = new CsBridgeClient();
    final List<WebDriver> browsers = new ArrayList<>();
    final String run = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(WebDriver::quit);
    }

    @Test
    void everyOverviewTileShowsWhatTheApiSaysAndBothAreRight() {
        seedPortfolio();
        JsonNode kpis = client.awaitAdmin("/kpis?asOf=" + AS_OF, a -> a.status() == 200 && seeded(a.json()), 90).json();
        assertThat(seeded(kpis)).as("the seeded portfolio's KPIs: %s", kpis).isTrue();

        // The API: percentages with one decimal (CONTRACT §5), the answers worked out by hand.
        assertThat(kpis.at("/churn/customerChurnRate").asDouble()).isEqualTo(25.0);
        assertThat(kpis.at("/churn/revenueChurnRate").asDouble()).isEqualTo(30.0);
        assertThat(kpis.at("/revenueRetention/grr").asDouble()).isEqualTo(70.0);
        assertThat(kpis.at("/revenueRetention/nrr").asDouble()).isEqualTo(82.5);
        assertThat(kpis.at("/onboardingCompletion/rate").asDouble()).isEqualTo(25.0);
        assertThat(kpis.at("/expansion/upsellRate").asDouble()).isEqualTo(25.0);
        assertThat(kpis.at("/expansion/crossSellRate").asDouble()).isEqualTo(25.0);
        assertThat(kpis.at("/nps/score").asDouble()).isEqualTo(40.0);

        WebDriver browser = AdminUiBrowserIT.chromium("en-US");
        browsers.add(browser);
        AdminUiBrowserIT.logIn(browser, CsBridgeClient.ADMIN, CsBridgeClient.ADMIN_PASSWORD);
        browser.get(AdminUiBrowserIT.ADMIN_UI + "index.html?asOf=" + AS_OF);
        AdminUiBrowserIT.awaitReady(browser);
        AdminUiBrowserIT.screenshot(browser, "overview-kpis-as-of-1995");

        // The page: each tile as the API says it, and as worked out by hand.
        assertTile(browser, "churn", kpis.at("/churn/customerChurnRate"), "25.0%");
        assertTile(browser, "revenue-churn", kpis.at("/churn/revenueChurnRate"), "30.0%");
        assertTile(browser, "grr", kpis.at("/revenueRetention/grr"), "70.0%");
        assertTile(browser, "nrr", kpis.at("/revenueRetention/nrr"), "82.5%");
        assertTile(browser, "onboarding", kpis.at("/onboardingCompletion/rate"), "25.0%");
        assertTile(browser, "upsell", kpis.at("/expansion/upsellRate"), "25.0%");
        assertThat(sub(browser, "upsell")).isEqualTo("cross-sell " + percent(kpis.at("/expansion/crossSellRate"))).isEqualTo("cross-sell 25.0%");
        String nps = String.format(Locale.US, "%.0f ± %.1f", kpis.at("/nps/score").asDouble(), kpis.at("/nps/margin95").asDouble());
        assertThat(value(browser, "nps")).isEqualTo(nps).startsWith("40 ± ");
        assertThat(sub(browser, "nps")).contains("n = " + kpis.at("/nps/n").asInt(),
                kpis.at("/nps/promoters").asInt() + " promoters", kpis.at("/nps/detractors").asInt() + " detractors");

        // The trend chart plots the same percentages: its last point is the API's trend at the as-of time.
        JsonNode last = lastTrendPoint();
        @SuppressWarnings("unchecked")
        List<Object> plotted = (List<Object>) ((JavascriptExecutor) browser).executeScript(
                "const c = Chart.getChart(document.getElementById('trend-chart'));"
                        + "return c.data.datasets.map(d => d.data[d.data.length - 1]);");
        assertThat(plotted).hasSize(5);
        assertThat(number(plotted.get(0))).isEqualTo(last.at("/churn/customerChurnRate").asDouble());
        assertThat(number(plotted.get(1))).isEqualTo(last.at("/churn/revenueChurnRate").asDouble());
        assertThat(number(plotted.get(2))).isEqualTo(last.at("/revenueRetention/grr").asDouble()).isEqualTo(70.0);
        assertThat(number(plotted.get(3))).isEqualTo(last.at("/revenueRetention/nrr").asDouble()).isEqualTo(82.5);
        assertThat(number(plotted.get(4))).isEqualTo(last.at("/onboardingCompletion/rate").asDouble());
    }

    /** The figures this portfolio contributes are in: the KPIs are the seeded answers (or a copy of them). */
    private static boolean seeded(JsonNode k) {
        return k.at("/churn/accountsAtStart").asInt() >= 4 && k.at("/churn/customerChurnRate").asDouble() == 25.0
                && k.at("/revenueRetention/nrr").asDouble() == 82.5 && k.at("/expansion/crossSellRate").asDouble() == 25.0
                && k.at("/onboardingCompletion/rate").asDouble() == 25.0 && k.at("/nps/score").asDouble() == 40.0;
    }

    private void seedPortfolio() {
        String a1 = "kpi-a1-" + run, a2 = "kpi-a2-" + run, a3 = "kpi-a3-" + run, a4 = "kpi-a4-" + run;
        String sf1 = SalesforceOutboundMessageIT.sfId("001"), sf2 = SalesforceOutboundMessageIT.sfId("001"),
                sf3 = SalesforceOutboundMessageIT.sfId("001"), sf4 = SalesforceOutboundMessageIT.sfId("001");
        List<String> m = new ArrayList<>();
        m.add(traits(a1 + "-g", a1, "\"name\":\"KPI One\",\"arr\":100000,\"salesforceAccountId\":\"" + sf1 + "\"", ONBOARDED));
        m.add(traits(a2 + "-g", a2, "\"name\":\"KPI Two\",\"arr\":50000,\"salesforceAccountId\":\"" + sf2 + "\"", ONBOARDED));
        m.add(traits(a3 + "-g", a3, "\"name\":\"KPI Three\",\"arr\":30000,\"salesforceAccountId\":\"" + sf3 + "\"", ONBOARDED));
        m.add(traits(a4 + "-g", a4, "\"name\":\"KPI Four\",\"arr\":20000,\"salesforceAccountId\":\"" + sf4 + "\"", ONBOARDED));
        // The first account onboards fully: a first login and three users in the product (the CRM ticks the rest below).
        m.add(trackBy(a1 + "-login", a1, "u1-" + a1, "Signed In", "", at("1994-01-11")));
        m.add(trackBy(a1 + "-u2", a1, "u2-" + a1, "Report Viewed", "", at("1994-01-12")));
        m.add(trackBy(a1 + "-u3", a1, "u3-" + a1, "Report Viewed", "", at("1994-01-12")));
        m.add(trackBy(a2 + "-login", a2, "u1-" + a2, "Signed In", "", at("1994-01-11")));
        // NPS answers in the period.
        m.add(trackBy(a1 + "-nps1", a1, "u1-" + a1, "NPS Answered", "\"score\":10", at("1995-05-01")));
        m.add(trackBy(a1 + "-nps2", a1, "u2-" + a1, "NPS Answered", "\"score\":9", at("1995-05-01")));
        m.add(trackBy(a2 + "-nps", a2, "u1-" + a2, "NPS Answered", "\"score\":10", at("1994-12-01")));
        m.add(trackBy(a3 + "-nps", a3, "u1-" + a3, "NPS Answered", "\"score\":8", at("1995-05-02")));
        m.add(trackBy(a4 + "-nps", a4, "u1-" + a4, "NPS Answered", "\"score\":3", at("1995-05-03")));
        assertThat(client.postUsage(batch(m)).status()).isEqualTo(200);
        // Every account is known by its Salesforce id before the CRM speaks of it.
        for (String id : List.of(a1, a2, a3, a4)) {
            assertThat(client.awaitAdmin("/accounts/" + id, a -> a.status() == 200 && a.json().path("keys").has("salesforce"), 60)
                    .status()).isEqualTo(200);
        }

        List<String> notifications = List.of(
                account(sf1, at("1994-02-01"), milestones("Setup-Completed", "Integration-Connected", "First-Value")),
                // the second account churns in the period: the CRM's churned field
                account(sf2, at("1995-03-01"), "<sf:CS_Churned__c>true</sf:CS_Churned__c>"),
                opportunity(sf1, "Upsell", 20000, at("1995-01-15")),
                opportunity(sf3, "Downgrade", 10000, at("1995-02-15")),
                opportunity(sf4, "Cross-Sell", 5000, at("1995-04-01")));
        byte[] body = SalesforceOutboundMessageIT.envelope(SALESFORCE_ORG, notifications).getBytes(StandardCharsets.UTF_8);
        assertThat(client.send(InboundRequests.salesforce(SALESFORCE_TOKEN, body)).status()).isEqualTo(200);
    }

    /** Onboarding milestone checkboxes ticked ({@code CS_Milestone_<key>__c}). */
    private static String milestones(String... keys) {
        StringBuilder fields = new StringBuilder();
        for (String key : keys) fields.append("<sf:CS_Milestone_").append(key).append("__c>true</sf:CS_Milestone_").append(key).append("__c>");
        return fields.toString();
    }

    /** An Account notification with the given fields (sObject XML). */
    private static String account(String accountId, Instant lastModified, String fields) {
        return """
                   <Notification>
                    <Id>04l%s</Id>
                    <sObject xsi:type="sf:Account" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                     <sf:Id>%s</sf:Id>
                     %s
                     <sf:LastModifiedDate>%s</sf:LastModifiedDate>
                    </sObject>
                   </Notification>""".formatted(unique(), accountId, fields, lastModified);
    }

    /** A closed-won Opportunity notification of the given type and amount. */
    private static String opportunity(String accountId, String type, double amount, Instant lastModified) {
        return """
                   <Notification>
                    <Id>04l%s</Id>
                    <sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                     <sf:Id>%s</sf:Id>
                     <sf:AccountId>%s</sf:AccountId>
                     <sf:Amount>%s</sf:Amount>
                     <sf:CloseDate>%s</sf:CloseDate>
                     <sf:IsClosed>true</sf:IsClosed>
                     <sf:IsWon>true</sf:IsWon>
                     <sf:LastModifiedDate>%s</sf:LastModifiedDate>
                     <sf:StageName>Closed Won</sf:StageName>
                     <sf:Type>%s</sf:Type>
                    </sObject>
                   </Notification>""".formatted(unique(), SalesforceOutboundMessageIT.sfId("006"), accountId, amount,
                lastModified.toString().substring(0, 10), lastModified, type);
    }

    private JsonNode lastTrendPoint() {
        JsonNode points = client.admin("/kpis/trend?step=week&to=" + AS_OF).json().get("points");
        return points.get(points.size() - 1);
    }

    private static void assertTile(WebDriver browser, String tile, JsonNode apiRate, String expected) {
        assertThat(value(browser, tile)).as("tile %s", tile).isEqualTo(percent(apiRate)).isEqualTo(expected);
    }

    private static String value(WebDriver browser, String tile) {
        return browser.findElement(By.cssSelector("#tile-" + tile + " .value")).getText();
    }

    private static String sub(WebDriver browser, String tile) {
        return browser.findElement(By.cssSelector("#tile-" + tile + " .sub")).getText();
    }

    /** A rate as CONTRACT §5 says the UI shows it: the API's percentage, one decimal. */
    private static String percent(JsonNode rate) {
        return String.format(Locale.US, "%.1f%%", rate.asDouble());
    }

    private static double number(Object plotted) {
        return ((Number) plotted).doubleValue();
    }

    private static Instant at(String day) {
        return Instant.parse(day + "T12:00:00Z");
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 15);
    }
}
