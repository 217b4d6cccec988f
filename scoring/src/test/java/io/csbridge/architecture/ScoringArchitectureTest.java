package io.csbridge.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

/** The core's layout (scoring's production classes): a pure domain, one place for SQL, no cycles. */
@AnalyzeClasses(packages = "io.csbridge", importOptions = ImportOption.DoNotIncludeTests.class)
class ScoringArchitectureTest {

    @ArchTest
    static final ArchTests theRulesOfEveryModule = ArchTests.in(ModuleRules.class);

    @ArchTest
    static final ArchRule theDomainUsesNoFrameworkNoSqlAndNoJackson = ArchitectureRules.DOMAIN_USES_NO_FRAMEWORK_SQL_OR_JACKSON;

    @ArchTest
    static final ArchRule theTopLevelPackagesFormNoCycle = ArchitectureRules.TOP_LEVEL_PACKAGES_FORM_NO_CYCLE;

    @ArchTest
    static final ArchRule theDomainPackagesFormNoCycle = ArchitectureRules.DOMAIN_PACKAGES_FORM_NO_CYCLE;
}
