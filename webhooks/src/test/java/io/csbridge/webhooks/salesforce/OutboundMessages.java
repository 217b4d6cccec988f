package io.csbridge.webhooks.salesforce;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Outbound Messages as Salesforce writes them, for tests: the samples, and messages built to size. */
final class OutboundMessages {

    static final String ORG = "00D5g000004ABCDEAZ";

    private OutboundMessages() {
    }

    static String sample(String name) {
        try (InputStream in = OutboundMessages.class.getResourceAsStream("/salesforce/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

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
                   <EnterpriseUrl>https://acme-cs.my.salesforce.com/services/Soap/c/66.0/00D5g000004ABCD</EnterpriseUrl>
                   <PartnerUrl>https://acme-cs.my.salesforce.com/services/Soap/u/66.0/00D5g000004ABCD</PartnerUrl>
                %s
                  </notifications>
                 </soapenv:Body>
                </soapenv:Envelope>
                """.formatted(org, String.join("\n", notifications));
    }

    static String account(int i) {
        return """
                   <Notification>
                    <Id>04l5g00000N%07dAAA</Id>
                    <sObject xsi:type="sf:Account" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">
                     <sf:Id>001Dn0000%07dAAA</sf:Id>
                     <sf:AnnualRevenue>%d.0</sf:AnnualRevenue>
                     <sf:LastModifiedDate>2026-01-%02dT09:00:00.000Z</sf:LastModifiedDate>
                     <sf:Name>Customer %d</sf:Name>
                     <sf:Website>customer%d.example.com</sf:Website>
                    </sObject>
                   </Notification>""".formatted(i, i, 10_000 * (i + 1), 1 + i % 28, i, i);
    }

    static String accounts(int count) {
        return envelope(ORG, IntStream.range(0, count).mapToObj(OutboundMessages::account).collect(Collectors.toList()));
    }
}
