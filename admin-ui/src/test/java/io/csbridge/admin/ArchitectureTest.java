package io.csbridge.admin;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.csbridge.architecture.AdapterRules;

/** The admin UI is an adapter: it calls application services, never the database or the pipeline. */
@AnalyzeClasses(packages = "io.csbridge.admin", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests theAdapterRulesHold = ArchTests.in(AdapterRules.class);
}
