package io.csbridge.connectors.salesforce;

import io.csbridge.connectors.Settings;

/** The API names of the Account fields CS Bridge writes; an org that named them differently configures them. */
public record SalesforceFieldNames(String healthScore, String healthBand, String churnRisk,
                                   String onboardingCompletion, String healthTrend, String healthDrivers,
                                   String healthAsOf) {

    public static final SalesforceFieldNames DEFAULTS = new SalesforceFieldNames("CS_Health_Score__c",
            "CS_Health_Band__c", "CS_Churn_Risk__c", "CS_Onboarding_Completion__c", "CS_Health_Trend__c",
            "CS_Health_Drivers__c", "CS_Health_As_Of__c");

    public static SalesforceFieldNames from(Settings s) {
        return new SalesforceFieldNames(
                s.get("salesforce.field.health-score", DEFAULTS.healthScore),
                s.get("salesforce.field.health-band", DEFAULTS.healthBand),
                s.get("salesforce.field.churn-risk", DEFAULTS.churnRisk),
                s.get("salesforce.field.onboarding-completion", DEFAULTS.onboardingCompletion),
                s.get("salesforce.field.health-trend", DEFAULTS.healthTrend),
                s.get("salesforce.field.health-drivers", DEFAULTS.healthDrivers),
                s.get("salesforce.field.health-as-of", DEFAULTS.healthAsOf));
    }
}
