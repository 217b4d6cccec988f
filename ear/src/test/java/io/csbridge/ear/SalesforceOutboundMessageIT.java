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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static io.csbridge.ear.InboundRequests.SALESFORCE_ORG;
import static io.csbridge.ear.InboundRequests.SALESFORCE_TOKEN;
import static io.csbridge.ear.InboundRequests.assertRefused;
import static io.csbridge.ear.InboundRequests.inboxTotal;
import static io.csbridge.ear.InboundRequests.salesforce;
import static io.csbridge.ear.InboundRequests.utf8;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /hooks/salesforce?token=} through the real EAR: Outbound Messages as Salesforce sends and retries them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SalesforceOutboundMessageIT {

    /** The one answer Salesforce takes as delivered (VENDORS.md). */
    static final String ACK = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body>"
            + "<notificationsResponse xmlns=\"http://soap.sforce.com/2005/09/outbound\"><Ack>true</Ack></notificationsResponse>"
            + "</soapenv:Body></soapenv:Envelope>";

    final CsBridgeClient client = new CsBridgeClient();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    // ---- messages as Salesforce writes them ----------------------------------------------------------

    static String envelope(String org, List<String> notifications) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
                xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                 <soapenv:Body>
                  <notifications xmlns="http://soap.sforce.com/2005/09/outbound">
                   <OrganizationId>%s</OrganizationId>
                   <ActionId>04k5g000000CSBRAAW</ActionId>
                   <SessionId xsi:nil="true"/>
                   <EnterpriseUrl>https://it.my.salesforce.com/services/Soap/c/66.0/00DIT000000CSBR</EnterpriseUrl>
                   <PartnerUrl>https://it.my.salesforce.com/services/Soap/u/66.0/00DIT000000CSBR</PartnerUrl>
                %s
                  </notifications>
                 </soapenv:Body>
                </soapenv:Envelope>
                """.formatted(org, String.join("\n", notifications));
    }

    static String account(String notificationId, String accountId, String name, String website, Instant lastModified) {
        return """
                   <Notification>
                    <Id>%s</Id>
                    <sObject xsi:type="sf:Account" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                     <sf:Id>%s</sf:Id>
                     <sf:AnnualRevenue>1.2E5</sf:AnnualRevenue>
                     <sf:CS_Milestone_Kickoff_Done__c>true</sf:CS_Milestone_Kickoff_Done__c>
                     <sf:CS_Milestone_Integration_Live__c>false</sf:CS_Milestone_Integration_Live__c>
                     <sf:Description xsi:nil="true"/>
                     <sf:LastModifiedDate>%s</sf:LastModifiedDate>
                     <sf:Name>%s</sf:Name>
                     <sf:OwnerId>0055g00000CSMJANE</sf:OwnerId>
                     <sf:Type>Customer - Enterprise</sf:Type>
                     <sf:Website>%s</sf:Website>
                    </sObject>
                   </Notification>""".formatted(notificationId, accountId, lastModified, name, website);
    }

    static String renewalLost(String notificationId, String opportunityId, String accountId, Instant lastModified) {
        return """
                   <Notification>
                    <Id>%s</Id>
                    <sObject xsi:type="sf:Opportunity" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                     <sf:Id>%s</sf:Id>
                     <sf:AccountId>%s</sf:AccountId>
                     <sf:Amount>120000.0</sf:Amount>
                     <sf:CloseDate>%s</sf:CloseDate>
                     <sf:IsClosed>true</sf:IsClosed>
                     <sf:IsWon>false</sf:IsWon>
                     <sf:LastModifiedDate>%s</sf:LastModifiedDate>
                     <sf:StageName>Closed Lost</sf:StageName>
                     <sf:Type>Renewal</sf:Type>
                    </sObject>
                   </Notification>""".formatted(notificationId, opportunityId, accountId, lastModified.toString().substring(0, 10), lastModified);
    }

    /** An 18-character record id with the given 3-character prefix, unique per call. */
    static String sfId(String prefix) {
        StringBuilder s = new StringBuilder(prefix).append("IT");
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        while (s.length() < 18) s.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        return s.toString();
    }

    static Instant ago(Duration d) {
        return Instant.now().minus(d).truncatedTo(ChronoUnit.MILLIS);
    }

    CsBridgeClient.Answer deliver(String xml) {
        return client.send(salesforce(SALESFORCE_TOKEN, utf8(xml)));
    }

    JsonNode awaitAccount(String id, int signals) {
        CsBridgeClient.Answer answer = client.awaitAdmin("/accounts/" + id,
                a -> a.status() == 200 && a.json().get("signalCount").asInt() >= signals && !a.json().get("healthScore").isNull(), 30);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    void assertAcked(CsBridgeClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo(ACK);
    }

    // ---- tests -------------------------------------------------------------------------------------

    @Test
    void anAccountNotificationIsAckedWithTheExactEnvelopeAndCreatesTheAccountWithItsKeys() throws Exception {
        String accountId = sfId("001");
        String domain = accountId.toLowerCase() + ".example";
        String xml = envelope(SALESFORCE_ORG, List.of(account(sfId("04l"), accountId, "Acme &amp; Sons " + accountId,
                "https://www." + domain + "/about", ago(Duration.ofHours(1)))));

        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(salesforce(SALESFORCE_TOKEN, utf8(xml)),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ACK);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        JsonNode account = awaitAccount(accountId, 2);
        assertThat(account.get("id").asText()).isEqualTo(accountId);
        assertThat(account.get("name").asText()).isEqualTo("Acme & Sons " + accountId);
        assertThat(account.get("keys").get("salesforce").asText()).isEqualTo(accountId);
        assertThat(account.get("keys").get("domains").get(0).asText()).isEqualTo(domain);
        assertThat(account.get("signalCount").asInt()).as("account traits and the kickoff milestone").isEqualTo(2);
        assertThat(account.get("owner").asText()).isEqualTo("0055g00000CSMJANE");
        assertThat(account.get("arr").asDouble()).isEqualTo(120000.0);
    }

    @Test
    void aReplayedOutboundMessageWithTheSameNotificationIdsIsAckedAgainAndCountedOnce() {
        List<String> accountIds = IntStream.range(0, 100).mapToObj(i -> sfId("001")).toList();
        List<String> notifications = new ArrayList<>();
        for (String id : accountIds) {
            notifications.add(account(sfId("04l"), id, "Replay " + id, id.toLowerCase() + ".example", ago(Duration.ofMinutes(30))));
        }
        String xml = envelope(SALESFORCE_ORG, notifications);
        long before = inboxTotal(client);

        CsBridgeClient.Answer first = deliver(xml);
        long afterFirst = inboxTotal(client);
        CsBridgeClient.Answer replay = deliver(xml);

        assertAcked(first);
        assertAcked(replay);
        assertThat(afterFirst).isEqualTo(before + 100);
        assertThat(inboxTotal(client)).isEqualTo(afterFirst);
        JsonNode last = awaitAccount(accountIds.get(99), 2);
        CsBridgeClient.sleep(1500);
        assertThat(client.admin("/accounts/" + accountIds.get(0)).json().get("signalCount").asInt()).isEqualTo(2);
        assertThat(client.admin("/accounts/" + accountIds.get(99)).json().get("signalCount").asInt()).isEqualTo(2);
        assertThat(last.get("name").asText()).isEqualTo("Replay " + accountIds.get(99));
    }

    @Test
    void aStaleNotificationNeverOverwritesANewerNameButANewerOneDoes() {
        String accountId = sfId("001");
        String domain = accountId.toLowerCase() + ".example";

        assertAcked(deliver(envelope(SALESFORCE_ORG, List.of(account(sfId("04l"), accountId, "Newer Name", domain, ago(Duration.ofHours(1)))))));
        awaitAccount(accountId, 2);
        // Salesforce retries out of order: an older state of the record arrives after the newer one.
        assertAcked(deliver(envelope(SALESFORCE_ORG, List.of(account(sfId("04l"), accountId, "Stale Name", domain, ago(Duration.ofHours(2)))))));
        JsonNode afterStale = awaitAccount(accountId, 4);

        assertThat(afterStale.get("signalCount").asInt()).isEqualTo(4);
        assertThat(afterStale.get("name").asText()).isEqualTo("Newer Name");

        assertAcked(deliver(envelope(SALESFORCE_ORG, List.of(account(sfId("04l"), accountId, "Newest Name", domain, ago(Duration.ofMinutes(5)))))));
        awaitAccount(accountId, 6);
        // The view and the signal count are read in two transactions: the name may lag the count by one batch.
        CsBridgeClient.Answer afterNewest = client.awaitAdmin("/accounts/" + accountId,
                a -> a.status() == 200 && a.json().get("name").asText().equals("Newest Name"), 30);
        assertThat(afterNewest.json().get("name").asText()).isEqualTo("Newest Name");
    }

    @Test
    void aClosedOpportunityIsMappedToItsAccount() {
        String accountId = sfId("001");
        assertAcked(deliver(envelope(SALESFORCE_ORG, List.of(account(sfId("04l"), accountId, "Opportunity Co", accountId.toLowerCase() + ".example",
                ago(Duration.ofDays(2)))))));
        awaitAccount(accountId, 2);

        String opportunityId = sfId("006");
        assertAcked(deliver(envelope(SALESFORCE_ORG, List.of(renewalLost(sfId("04l"), opportunityId, accountId, ago(Duration.ofHours(1)))))));

        JsonNode account = awaitAccount(accountId, 3);
        assertThat(account.get("signalCount").asInt()).isEqualTo(3);
        assertThat(client.admin("/accounts/" + opportunityId).status()).as("an opportunity is not an account").isEqualTo(404);
    }

    @Test
    void aWrongTokenOrOrganizationIs401AndLeavesNoTrace() {
        String accountId = sfId("001");
        byte[] xml = utf8(envelope(SALESFORCE_ORG, List.of(account(sfId("04l"), accountId, "Forged", "forged.example", ago(Duration.ofMinutes(1))))));
        byte[] otherOrg = utf8(envelope("00DOTHER0000000AAA", List.of(account(sfId("04l"), accountId, "Other org", "other.example",
                ago(Duration.ofMinutes(1))))));
        long before = inboxTotal(client);

        CsBridgeClient.Answer noToken = client.send(salesforce(null, xml));
        CsBridgeClient.Answer wrongToken = client.send(salesforce(SALESFORCE_TOKEN + "x", xml));
        CsBridgeClient.Answer wrongOrg = client.send(salesforce(SALESFORCE_TOKEN, otherOrg));

        assertRefused(noToken, 401, "invalid_token");
        assertRefused(wrongToken, 401, "invalid_token");
        assertRefused(wrongOrg, 401, "unknown_organization");
        assertThat(inboxTotal(client)).isEqualTo(before);
        assertThat(client.admin("/accounts/" + accountId).status()).isEqualTo(404);
    }

    @Test
    void hostileXmlIsRefusedWithItsStatusAndLeavesNoTrace() {
        String accountId = sfId("001");
        String valid = envelope(SALESFORCE_ORG, List.of(account(sfId("04l"), accountId, "Hostile \u00a7", "hostile.example", ago(Duration.ofMinutes(1)))));
        String body = valid.substring(valid.indexOf("<soapenv:Envelope"));
        String internalEntity = "<?xml version=\"1.0\"?>\n<!DOCTYPE lol [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n"
                + body.replace("Hostile \u00a7", "&lol2;");
        String externalEntity = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + body.replace("Hostile \u00a7", "&xxe;");
        String undeclaredEntity = body.replace("Hostile \u00a7", "&xxe;");
        String deep = valid.replace("<SessionId xsi:nil=\"true\"/>", "<Deep>" + "<a>".repeat(10_000) + "</a>".repeat(10_000) + "</Deep>");
        String truncated = valid.substring(0, valid.indexOf("</sObject>"));
        String futureStamp = envelope(SALESFORCE_ORG, List.of(account(sfId("04l"), accountId, "Future", "future.example",
                Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS))));
        byte[] oversized = utf8(valid.replace("<SessionId xsi:nil=\"true\"/>", "<SessionId>" + "x".repeat(InboundRequests.OVER_LIMIT) + "</SessionId>"));
        long before = inboxTotal(client);

        CsBridgeClient.Answer dtd = deliver(internalEntity);
        CsBridgeClient.Answer xxe = deliver(externalEntity);
        CsBridgeClient.Answer undeclared = deliver(undeclaredEntity);
        CsBridgeClient.Answer nested = deliver(deep);
        CsBridgeClient.Answer cut = deliver(truncated);
        CsBridgeClient.Answer future = deliver(futureStamp);
        CsBridgeClient.Answer nonUtf8 = client.send(salesforce(SALESFORCE_TOKEN, InboundRequests.notUtf8(valid)));
        CsBridgeClient.Answer tooLarge = client.send(salesforce(SALESFORCE_TOKEN, oversized));
        HttpRequest chunked = InboundRequests.postChunked("/hooks/salesforce?token=" + SALESFORCE_TOKEN, oversized, "text/xml; charset=utf-8").build();
        CsBridgeClient.Answer tooLargeChunked = client.send(chunked);

        assertRefused(dtd, 400, "malformed_request");
        assertThat(dtd.json().get("detail").asText()).contains("DOCTYPE");
        assertRefused(xxe, 400, "malformed_request");
        assertThat(xxe.body()).doesNotContain("root:");
        assertRefused(undeclared, 400, "malformed_request");
        assertRefused(nested, 400, "malformed_request");
        assertRefused(cut, 400, "malformed_request");
        assertRefused(future, 400, "invalid_message");
        assertRefused(nonUtf8, 400, "malformed_request");
        assertRefused(tooLarge, 413, "payload_too_large");
        assertRefused(tooLargeChunked, 413, "payload_too_large");
        assertThat(inboxTotal(client)).isEqualTo(before);
        assertThat(client.admin("/accounts/" + accountId).status()).isEqualTo(404);
    }

    /** Issue 12 item 2: numbers are bounded before conversion; negative or NaN amounts are refused with the reason. */
    @Test
    void hostileNumbersAreRefusedWithTheReasonAndStoreNothing() {
        String accountId = sfId("001");
        String valid = account(sfId("04l"), accountId, "Numbers", "numbers.example", ago(Duration.ofMinutes(1)));
        String hugeArr = envelope(SALESFORCE_ORG, List.of(valid.replace(">1.2E5<", ">1E999999999<")));
        String negativeArr = envelope(SALESFORCE_ORG, List.of(valid.replace(">1.2E5<", ">-1.2E5<")));
        String nanArr = envelope(SALESFORCE_ORG, List.of(valid.replace(">1.2E5<", ">NaN<")));
        String negativeAmount = envelope(SALESFORCE_ORG, List.of(renewalLost(sfId("04l"), sfId("006"), accountId, ago(Duration.ofMinutes(1)))
                .replace(">120000.0<", ">-120000.0<")));
        String nanAmount = envelope(SALESFORCE_ORG, List.of(renewalLost(sfId("04l"), sfId("006"), accountId, ago(Duration.ofMinutes(1)))
                .replace(">120000.0<", ">NaN<")));
        long before = inboxTotal(client);

        CsBridgeClient.Answer huge = deliver(hugeArr);
        assertRefused(huge, 400, "invalid_message");
        assertThat(huge.json().get("detail").asText()).contains("AnnualRevenue is out of range");
        CsBridgeClient.Answer negative = deliver(negativeArr);
        assertRefused(negative, 400, "invalid_message");
        assertThat(negative.json().get("detail").asText()).contains("AnnualRevenue is negative");
        assertRefused(deliver(nanArr), 400, "invalid_message");
        CsBridgeClient.Answer amount = deliver(negativeAmount);
        assertRefused(amount, 400, "invalid_message");
        assertThat(amount.json().get("detail").asText()).contains("Amount is negative");
        assertThat(deliver(nanAmount).json().get("detail").asText()).contains("Amount is not a finite number");
        assertThat(inboxTotal(client)).isEqualTo(before);
        assertThat(client.admin("/accounts/" + accountId).status()).isEqualTo(404);
    }
}
