package io.csbridge.webhooks.salesforce;

import io.csbridge.translation.salesforce.SalesforceFields;

import io.csbridge.testing.SalesforceMetadata;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import static io.csbridge.testing.SalesforceMetadata.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/salesforce against the default inbound mapping: every field it reads is sent by the Outbound
 * Messages, every custom one is deployed and readable by the integration user (who sends them) and CS users,
 * and every milestone checkbox deployed is one the mapping recognises.
 */
class SalesforceDeployMetadataTest {

    final SalesforceFields defaults = SalesforceFields.defaults();
    final Map<String, Element> account = SalesforceMetadata.fields("Account");

    @Test
    void theAccountMessageSendsEveryFieldTheMappingReads() {
        List<String> read = new ArrayList<>(Stream.of(defaults.name(), defaults.owner(), defaults.arr(), defaults.plan(),
                defaults.seats(), defaults.website(), defaults.renewalDate(), defaults.startDate(), defaults.churned(),
                defaults.zendeskOrganizationId()).filter(Objects::nonNull).toList());
        List<String> milestones = account.keySet().stream().filter(f -> defaults.milestoneOf(f) != null).toList();
        assertThat(milestones).as("milestone checkboxes").isNotEmpty();
        read.addAll(milestones);

        List<String> sent = SalesforceMetadata.outboundMessageFields("Account", "CS_Bridge_account");
        assertThat(sent).contains("Id", "LastModifiedDate").containsAll(read);

        Map<String, Boolean> integration = SalesforceMetadata.fieldPermissions("CS_Bridge_Integration");
        Map<String, Boolean> csUsers = SalesforceMetadata.fieldPermissions("CS_Bridge_Health_Read");
        for (String field : read) {
            if (!field.endsWith("__c")) continue;
            assertThat(account).as("deployed").containsKey(field);
            assertThat(integration).as("the integration user reads what it sends").containsEntry("Account." + field, false);
            assertThat(csUsers).as("CS users read").containsEntry("Account." + field, false);
        }
        for (String milestone : milestones) assertThat(text(account.get(milestone), "type")).isEqualTo("Checkbox");
    }

    @Test
    void theOpportunityMessageSendsWhatAClosedOpportunityNeeds() {
        assertThat(SalesforceMetadata.outboundMessageFields("Opportunity", "CS_Bridge_opportunity"))
                .contains("Id", "AccountId", "LastModifiedDate", "IsClosed", "IsWon", "StageName",
                        defaults.opportunityAmount(), defaults.opportunityType());
    }
}
