package io.csbridge.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.nio.file.Path;

/**
 * The rules every module keeps (scoring and the adapters alike), applied by each module's architecture
 * test with {@code ArchTests.in(ModuleRules.class)} over its own production classes.
 */
public final class ModuleRules {

    @ArchTest
    static final ArchRule onlyTheApplicationServicesAndTheRuntimeUsePipeline = ArchitectureRules.ONLY_APP_AND_RUNTIME_USE_PIPELINE;

    @ArchTest
    static final ArchRule sqlIsOnlyInTheStore = ArchitectureRules.SQL_ONLY_IN_STORE;

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

    private ModuleRules() {
    }
}
