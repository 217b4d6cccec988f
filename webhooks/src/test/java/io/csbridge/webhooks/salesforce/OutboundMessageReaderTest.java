package io.csbridge.webhooks.salesforce;

import io.csbridge.webhooks.HookRejection;
import org.junit.jupiter.api.Test;

import static io.csbridge.webhooks.salesforce.OutboundMessages.accounts;
import static io.csbridge.webhooks.salesforce.OutboundMessages.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundMessageReaderTest {

    final OutboundMessageReader reader = new OutboundMessageReader();

    @Test
    void readsAnAccountNotificationAsSalesforceSendsIt() {
        OutboundMessage m = reader.read(sample("account-notification.xml"));
        assertThat(m.organizationId()).isEqualTo("00D5g000004ABCDEAZ");
        assertThat(m.actionId()).isEqualTo("04k5g000000CSBRAAW");
        assertThat(m.notifications()).singleElement().satisfies(n -> {
            assertThat(n.id()).isEqualTo("04l5g00000AcmeA01AAA");
            assertThat(n.sObject()).isEqualTo("Account");
            assertThat(n.field("Name")).isEqualTo("Acme Corp & Sons");
            assertThat(n.field("AnnualRevenue")).isEqualTo("1.2E5");
            assertThat(n.fields()).doesNotContainKey("Description"); // xsi:nil
        });
    }

    @Test
    void readsAMessageWithAHundredNotifications() {
        OutboundMessage m = reader.read(accounts(100));
        assertThat(m.notifications()).hasSize(100);
        assertThat(m.notifications().get(99).field("Name")).isEqualTo("Customer 99");
    }

    @Test
    void moreThanAHundredNotificationsIsMalformed() {
        assertMalformed(accounts(101));
    }

    @Test
    void aMessageWithoutNotificationsIsMalformed() {
        assertMalformed(OutboundMessages.envelope(OutboundMessages.ORG, java.util.List.of()));
    }

    @Test
    void xmlWithADoctypeIsRefused() {
        String billionLaughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>&lol2;</soapenv:Body></soapenv:Envelope>""";
        assertThatThrownBy(() -> reader.read(billionLaughs)).isInstanceOfSatisfying(HookRejection.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.getMessage()).contains("DOCTYPE");
        });
    }

    @Test
    void xmlWithAnExternalEntityIsRefused() {
        String xxe = sample("account-notification.xml")
                .replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>")
                .replace("Acme Corp &amp; Sons", "&xxe;");
        assertMalformed(xxe);
    }

    @Test
    void anUndeclaredEntityIsMalformed() {
        assertMalformed(sample("account-notification.xml").replace("Acme Corp &amp; Sons", "&xxe;"));
    }

    @Test
    void truncatedXmlIsMalformed() {
        String xml = sample("account-notification.xml");
        assertMalformed(xml.substring(0, xml.length() / 2));
        assertMalformed(xml.substring(0, xml.lastIndexOf("</soapenv:Envelope>")));
    }

    @Test
    void deeplyNestedXmlIsMalformed() {
        String deep = "<a>".repeat(10_000) + "</a>".repeat(10_000);
        String xml = sample("account-notification.xml").replace("<sf:Name>Acme Corp &amp; Sons</sf:Name>", "<sf:Name>" + deep + "</sf:Name>");
        assertMalformed(xml);
        assertMalformed(sample("account-notification.xml").replace("<SessionId xsi:nil=\"true\"/>", "<SessionId>" + deep + "</SessionId>"));
    }

    @Test
    void somethingOtherThanAnOutboundMessageIsMalformed() {
        assertMalformed("not xml at all");
        assertMalformed("<notifications xmlns=\"http://soap.sforce.com/2005/09/outbound\"/>");
        assertMalformed("""
                <soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>
                <getUserInfo xmlns="urn:enterprise.soap.sforce.com"/></soapenv:Body></soapenv:Envelope>""");
    }

    void assertMalformed(String xml) {
        assertThatThrownBy(() -> reader.read(xml)).isInstanceOfSatisfying(HookRejection.class,
                r -> assertThat(r.status()).isEqualTo(400));
    }
}
