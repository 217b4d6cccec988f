package io.csbridge.connectors.salesforce;

import io.csbridge.domain.score.Band;
import io.csbridge.testing.SalesforceMetadata;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.csbridge.testing.SalesforceMetadata.text;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/salesforce against what this connector writes by default: every written field is deployed, the
 * integration user may edit it, CS users may only read it; the package manifest lists every source file.
 */
class SalesforceDeployMetadataTest {

    static final List<String> WRITTEN = List.of(SalesforceFieldNames.DEFAULTS.healthScore(), SalesforceFieldNames.DEFAULTS.healthBand(),
            SalesforceFieldNames.DEFAULTS.churnRisk(), SalesforceFieldNames.DEFAULTS.onboardingCompletion(),
            SalesforceFieldNames.DEFAULTS.healthTrend(), SalesforceFieldNames.DEFAULTS.healthDrivers(),
            SalesforceFieldNames.DEFAULTS.healthAsOf());

    @Test
    void everyMetadataFileParses() {
        assertThat(SalesforceMetadata.allFiles()).hasSizeGreaterThan(20);
    }

    @Test
    void everyWrittenFieldIsDeployedEditableByTheIntegrationUserAndReadOnlyForCsUsers() {
        Map<String, Element> account = SalesforceMetadata.fields("Account");
        Map<String, Boolean> integration = SalesforceMetadata.fieldPermissions("CS_Bridge_Integration");
        Map<String, Boolean> csUsers = SalesforceMetadata.fieldPermissions("CS_Bridge_Health_Read");
        for (String field : WRITTEN) {
            assertThat(account).as("Account field").containsKey(field);
            assertThat(integration).as("integration user edits").containsEntry("Account." + field, true);
            assertThat(csUsers).as("CS users read").containsEntry("Account." + field, false);
        }
        assertThat(csUsers.values()).as("the CS users' set edits nothing").doesNotContain(true);
    }

    @Test
    void theBandPicklistHoldsEveryBandAndUnknown() {
        Element band = SalesforceMetadata.fields("Account").get(SalesforceFieldNames.DEFAULTS.healthBand());
        List<String> values = SalesforceMetadata.descendants(band, "value").stream().map(v -> text(v, "fullName")).toList();
        assertThat(values).containsAll(Arrays.stream(Band.values()).map(Band::label).toList()).contains("Unknown");
    }

    @Test
    void theTaskKeyIsAnExternalIdTheIntegrationUserWrites() {
        Element key = SalesforceMetadata.fields("Activity").get("CS_Bridge_Key__c");
        assertThat(key).isNotNull();
        assertThat(text(key, "externalId")).isEqualTo("true");
        assertThat(SalesforceMetadata.fieldPermissions("CS_Bridge_Integration")).containsEntry("Task.CS_Bridge_Key__c", true);
    }

    @Test
    void thePackageManifestListsEverySourceFile() {
        List<String> fields = new java.util.ArrayList<>();
        for (String object : List.of("Account", "Activity")) {
            SalesforceMetadata.fields(object).keySet().forEach(f -> fields.add(object + "." + f));
        }
        assertThat(SalesforceMetadata.packageMembers("CustomField")).containsExactlyInAnyOrderElementsOf(fields);
        assertThat(SalesforceMetadata.packageMembers("PermissionSet"))
                .containsExactlyInAnyOrderElementsOf(SalesforceMetadata.sourceNames("permissionsets", ".permissionset-meta.xml"));
        assertThat(SalesforceMetadata.packageMembers("Flow"))
                .containsExactlyInAnyOrderElementsOf(SalesforceMetadata.sourceNames("flows", ".flow-meta.xml"));
        assertThat(SalesforceMetadata.packageMembers("ConnectedApp"))
                .containsExactlyInAnyOrderElementsOf(SalesforceMetadata.sourceNames("connectedApps", ".connectedApp-meta.xml"));
        assertThat(SalesforceMetadata.packageMembers("WorkflowOutboundMessage"))
                .containsExactlyInAnyOrder("Account.CS_Bridge_account", "Opportunity.CS_Bridge_opportunity");
    }
}
