package io.csbridge.connectors;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.csbridge.architecture.AdapterRules;

/** The connectors are adapters: ports and application services in, each vendor's SDK in its own package. */
@AnalyzeClasses(packages = "io.csbridge.connectors", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests theAdapterRulesHold = ArchTests.in(AdapterRules.class);
}
