package io.csbridge.webhooks;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.csbridge.architecture.AdapterRules;

/** The webhooks are inbound adapters: they translate and hand over to application services, never the database. */
@AnalyzeClasses(packages = "io.csbridge.webhooks", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests theAdapterRulesHold = ArchTests.in(AdapterRules.class);
}
