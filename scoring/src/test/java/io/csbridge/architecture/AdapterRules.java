package io.csbridge.architecture;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules every adapter module (webhooks, connectors, admin-ui) keeps, applied by each module's
 * {@code ArchitectureTest} with {@code ArchTests.in(AdapterRules.class)} over its own production classes:
 * the rules of every module, and never the store or the runtime.
 */
public final class AdapterRules {

    @ArchTest
    static final ArchTests theRulesOfEveryModule = ArchTests.in(ModuleRules.class);

    @ArchTest
    static final ArchRule adaptersUseNeitherTheStoreNorTheRuntime = ArchitectureRules.ADAPTERS_USE_NEITHER_STORE_NOR_RUNTIME;

    private AdapterRules() {
    }
}
