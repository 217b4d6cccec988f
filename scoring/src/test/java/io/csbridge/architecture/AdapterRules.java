package io.csbridge.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.nio.file.Path;

/**
 * The rules every adapter module (webhooks, connectors, admin-ui) keeps, applied by each module's
 * {@code ArchitectureTest} with {@code ArchTests.in(AdapterRules.class)} over its own production classes.
 */
public final class AdapterRules {

    @ArchTest
    static final ArchRule adaptersUseNeitherTheStoreNorTheRuntime = ArchitectureRules.ADAPTERS_USE_NEITHER_STORE_NOR_RUNTIME;

    @ArchTest
    static final ArchRule adaptersNeverUsePipeline = ArchitectureRules.ONLY_APP_AND_RUNTIME_USE_PIPELINE;

    @ArchTest
    static final ArchRule adaptersWriteNoSql = ArchitectureRules.SQL_ONLY_IN_STORE;

    @ArchTest
    static final ArchRule theSlackSdkIsOnlyInTheSlackAdapters = ArchitectureRules.SLACK_SDK_ONLY_IN_SLACK_ADAPTERS;

    @ArchTest
    static final ArchRule feignIsOnlyInTheSalesforceConnector = ArchitectureRules.FEIGN_ONLY_IN_SALESFORCE_CONNECTOR;

    @ArchTest
    static final ArchRule theZendeskClientIsOnlyInTheZendeskConnector = ArchitectureRules.ZENDESK_CLIENT_ONLY_IN_ZENDESK_CONNECTOR;

    @ArchTest
    static final ArchRule noPackagesAtAnyDepthFormACycle = ArchitectureRules.NO_PACKAGES_FORM_A_CYCLE;

    @ArchTest
    static void noMainJavaFileIsOver300Lines(JavaClasses classes) {
        ArchitectureRules.assertNoFileOverMaxLines(Path.of("src/main/java"));
    }

    @ArchTest
    static void noPackageHoldsMoreThan20Files(JavaClasses classes) {
        ArchitectureRules.assertNoPackageOverMaxFiles(Path.of("src/main/java"));
    }

    private AdapterRules() {
    }
}
