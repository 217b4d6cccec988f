package io.csbridge.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.nio.file.Path;

/** The core's layout (scoring's production classes): a pure domain, one place for SQL, no cycles. */
@AnalyzeClasses(packages = "io.csbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ScoringArchitectureTest {

    @ArchTest
    static final ArchRule theDomainUsesNoFrameworkNoSqlAndNoJackson = ArchitectureRules.DOMAIN_USES_NO_FRAMEWORK_SQL_OR_JACKSON;

    @ArchTest
    static final ArchRule sqlIsOnlyInTheStore = ArchitectureRules.SQL_ONLY_IN_STORE;

    @ArchTest
    static final ArchRule theTopLevelPackagesFormNoCycle = ArchitectureRules.TOP_LEVEL_PACKAGES_FORM_NO_CYCLE;

    @ArchTest
    static final ArchRule theDomainPackagesFormNoCycle = ArchitectureRules.DOMAIN_PACKAGES_FORM_NO_CYCLE;

    @ArchTest
    static final ArchRule noPackagesAtAnyDepthFormACycle = ArchitectureRules.NO_PACKAGES_FORM_A_CYCLE;

    @ArchTest
    static final ArchRule onlyTheApplicationServicesAndTheRuntimeUsePipeline = ArchitectureRules.ONLY_APP_AND_RUNTIME_USE_PIPELINE;

    @ArchTest
    static final ArchRule theSlackSdkIsOnlyInTheSlackAdapters = ArchitectureRules.SLACK_SDK_ONLY_IN_SLACK_ADAPTERS;

    @ArchTest
    static final ArchRule feignIsOnlyInTheSalesforceConnector = ArchitectureRules.FEIGN_ONLY_IN_SALESFORCE_CONNECTOR;

    @ArchTest
    static final ArchRule theZendeskClientIsOnlyInTheZendeskConnector = ArchitectureRules.ZENDESK_CLIENT_ONLY_IN_ZENDESK_CONNECTOR;

    @ArchTest
    static void noMainJavaFileIsOver300Lines(JavaClasses classes) {
        ArchitectureRules.assertNoFileOverMaxLines(Path.of("src/main/java"));
    }

    @ArchTest
    static void noPackageHoldsMoreThan20Files(JavaClasses classes) {
        ArchitectureRules.assertNoPackageOverMaxFiles(Path.of("src/main/java"));
    }
}
