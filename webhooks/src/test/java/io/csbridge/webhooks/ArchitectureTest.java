package io.csbridge.webhooks;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.csbridge.architecture.ArchitectureRules;

import java.nio.file.Path;

/** The webhooks are inbound adapters: they translate and hand over to application services, never the database. */
@AnalyzeClasses(packages = "io.csbridge.webhooks", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theWebhooksUseNeitherTheStoreNorTheRuntime = ArchitectureRules.ADAPTERS_USE_NEITHER_STORE_NOR_RUNTIME;

    @ArchTest
    static final ArchRule theWebhooksNeverUsePipeline = ArchitectureRules.ONLY_APP_AND_RUNTIME_USE_PIPELINE;

    @ArchTest
    static final ArchRule theWebhooksWriteNoSql = ArchitectureRules.SQL_ONLY_IN_STORE;

    @ArchTest
    static final ArchRule theSlackSdkIsOnlyInTheSlackAdapters = ArchitectureRules.SLACK_SDK_ONLY_IN_SLACK_ADAPTERS;

    @ArchTest
    static final ArchRule feignIsOnlyInTheSalesforceConnector = ArchitectureRules.FEIGN_ONLY_IN_SALESFORCE_CONNECTOR;

    @ArchTest
    static final ArchRule theZendeskClientIsOnlyInTheZendeskConnector = ArchitectureRules.ZENDESK_CLIENT_ONLY_IN_ZENDESK_CONNECTOR;

    @ArchTest
    static final ArchRule thePackagesFormNoCycle = ArchitectureRules.noCycleAmong("io.csbridge.webhooks.(*)..");

    @ArchTest
    static void noMainJavaFileIsOver300Lines(JavaClasses classes) {
        ArchitectureRules.assertNoFileOverMaxLines(Path.of("src/main/java"));
    }

    @ArchTest
    static void noPackageHoldsMoreThan20Files(JavaClasses classes) {
        ArchitectureRules.assertNoPackageOverMaxFiles(Path.of("src/main/java"));
    }
}
