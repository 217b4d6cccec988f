package io.csbridge.architecture;

import com.tngtech.archunit.lang.ArchRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CS Bridge's architecture rules, written once; each module's {@code ArchitectureTest} applies those that
 * concern its classes (production classes only: tests may reach anywhere). A rule that fails names every
 * offending dependency; no rule is frozen or relaxed to let today's offenders pass.
 */
public final class ArchitectureRules {

    public static final String DOMAIN = "io.csbridge.domain..";
    public static final String STORE = "io.csbridge.store..";
    public static final String RUNTIME = "io.csbridge.runtime..";
    public static final String APP = "io.csbridge.app..";
    /** The inbound and outbound adapters: their own Maven modules, each on top of scoring. */
    public static final String[] ADAPTERS = {"io.csbridge.connectors..", "io.csbridge.webhooks..", "io.csbridge.admin.."};
    public static final String PIPELINE = "io.csbridge.runtime.Pipeline";

    /** The limits every module keeps: a file and a package a newcomer can read in one sitting. */
    public static final int MAX_MAIN_FILE_LINES = 300;
    public static final int MAX_PACKAGE_FILES = 20;

    /** The domain is records and functions: no container, no framework, no SQL, no JSON library. */
    public static final ArchRule DOMAIN_USES_NO_FRAMEWORK_SQL_OR_JACKSON = noClasses()
            .that().resideInAPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "jakarta..", "javax..", "java.sql..", "com.fasterxml..", "org.eclipse.microprofile..")
            .because("the domain is plain Java; what it needs from outside it asks of a port");

    /** Every SQL statement of the product is in the persistence package. */
    public static final ArchRule SQL_ONLY_IN_STORE = noClasses()
            .that().resideOutsideOfPackage(STORE)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .because("persistence has one place: io.csbridge.store");

    /** The top-level packages (domain, store, inbox, processing, outbox, alerts, runtime, app ...) form no cycle. */
    public static final ArchRule TOP_LEVEL_PACKAGES_FORM_NO_CYCLE = noCycleAmong("io.csbridge.(*)..");

    /** The domain's packages (account, signal, score, health, risk, ...) form no cycle. */
    public static final ArchRule DOMAIN_PACKAGES_FORM_NO_CYCLE = noCycleAmong("io.csbridge.domain.(*)..");

    /** No two packages at any depth depend on each other (e.g. store.account and store.pipeline, app.* services). */
    public static final ArchRule NO_PACKAGES_FORM_A_CYCLE = noCycleAmong("io.csbridge.(**)");

    /** Only the application services (and the runtime itself) reach the pipeline's lifecycle. */
    public static final ArchRule ONLY_APP_AND_RUNTIME_USE_PIPELINE = noClasses()
            .that().resideOutsideOfPackages(APP, RUNTIME)
            .should().dependOnClassesThat().haveFullyQualifiedName(PIPELINE)
            .because("the WARs and connectors call io.csbridge.app services, which own the pipeline's use");

    /** Adapters go through the application services and the ports, never the database or the runtime. */
    public static final ArchRule ADAPTERS_USE_NEITHER_STORE_NOR_RUNTIME = noClasses()
            .that().resideInAnyPackage(ADAPTERS)
            .should().dependOnClassesThat().resideInAnyPackage(STORE, RUNTIME)
            .because("adapters inject io.csbridge.app services and implement or call ports");

    /** The Slack SDK is the Slack adapters' business: the outbound channel and the inbound hooks. */
    public static final ArchRule SLACK_SDK_ONLY_IN_SLACK_ADAPTERS = vendorSdkOnlyIn("com.slack.api..",
            "io.csbridge.connectors.slack..", "io.csbridge.webhooks.slack..");

    /** Feign (the Salesforce REST client) is the Salesforce connector's business. */
    public static final ArchRule FEIGN_ONLY_IN_SALESFORCE_CONNECTOR = vendorSdkOnlyIn("feign..",
            "io.csbridge.connectors.salesforce..");

    /** The Zendesk client is the Zendesk connector's business. */
    public static final ArchRule ZENDESK_CLIENT_ONLY_IN_ZENDESK_CONNECTOR = vendorSdkOnlyIn("org.zendesk..",
            "io.csbridge.connectors.zendesk..");

    private ArchitectureRules() {
    }

    /** No cycle among the slices that {@code pattern} cuts (one slice per {@code (*)}). */
    public static ArchRule noCycleAmong(String pattern) {
        return slices().matching(pattern).should().beFreeOfCycles();
    }

    private static ArchRule vendorSdkOnlyIn(String sdk, String... adapters) {
        return noClasses()
                .that().resideOutsideOfPackages(adapters)
                .should().dependOnClassesThat().resideInAnyPackage(sdk)
                .because("a vendor's SDK stays inside that vendor's adapter");
    }

    /**
     * Asserts that no Java file under {@code sourceRoot} (a module's {@code src/main/java}) passes
     * {@link #MAX_MAIN_FILE_LINES} lines.
     */
    public static void assertNoFileOverMaxLines(Path sourceRoot) {
        Map<String, Long> over = new TreeMap<>();
        for (Path file : javaFiles(sourceRoot)) {
            long lines = lineCount(file);
            if (lines > MAX_MAIN_FILE_LINES) over.put(sourceRoot.relativize(file).toString(), lines);
        }
        assertThat(over).as("main Java files over %d lines", MAX_MAIN_FILE_LINES).isEmpty();
    }

    /**
     * Asserts that no package under {@code sourceRoot} holds more than {@link #MAX_PACKAGE_FILES} Java files
     * (its sub-packages are packages of their own).
     */
    public static void assertNoPackageOverMaxFiles(Path sourceRoot) {
        Map<String, Long> perPackage = javaFiles(sourceRoot).stream().collect(Collectors.groupingBy(
                f -> sourceRoot.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), "."),
                TreeMap::new, Collectors.counting()));
        perPackage.values().removeIf(n -> n <= MAX_PACKAGE_FILES);
        assertThat(perPackage).as("packages over %d main Java files", MAX_PACKAGE_FILES).isEmpty();
    }

    private static List<Path> javaFiles(Path sourceRoot) {
        assertThat(sourceRoot).as("the module's main sources (tests run in the module's directory)").isDirectory();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lineCount(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
