package io.csbridge.ear;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Deploy on your WildFly", exactly as written, on a clean WildFly 39 unpacked from the
 * distribution Maven Central serves: its shell blocks run twice each (the CLI script must be safe to run
 * again), first on the embedded H2 database, then with {@code DB_URL} pointing at PostgreSQL, then undone.
 * The embedded CLI needs no boot and no port, so this runs beside the Arquillian suite.
 */
class DeployOnYourWildFlyIT {

    static final Path ROOT = Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize();
    static final String SECTION = "## Deploy on your WildFly";

    @TempDir
    static Path work;
    static Path jbossHome;
    static List<String> blocks;

    @BeforeAll
    static void cleanWildFly() throws IOException {
        blocks = shellBlocks(Files.readString(ROOT.resolve("README.md")));
        jbossHome = unzip(Path.of(System.getProperty("wildfly.dist")), work);
    }

    @Test
    void theReadmeSectionInstallsTwiceOnEitherDatabaseAndUndoesTwice() throws Exception {
        assertThat(blocks).as("the section's sh blocks: install, undo").hasSize(2);
        String install = blocks.get(0), undo = blocks.get(1);
        Path config = jbossHome.resolve("standalone/configuration/standalone-microprofile.xml");
        String otherDomainBefore = otherSecurityDomain(Files.readString(config));

        run(install, null);
        run(install, null);
        String h2 = Files.readString(config);
        assertThat(h2).contains("jndi-name=\"java:jboss/datasources/CsBridgeDS\"", "jdbc:h2:file:",
                "<application-security-domain name=\"csbridge\" security-domain=\"ApplicationDomain\" integrated-jaspi=\"false\"/>",
                "<logger category=\"io.csbridge\">", "<driver name=\"csbridge-postgresql\" module=\"org.postgresql\">");
        assertThat(h2).doesNotContain("CsBridgeEmbeddedDS");
        assertThat(otherSecurityDomain(h2)).as("the server-wide domain is left alone").isEqualTo(otherDomainBefore);
        assertThat(jbossHome.resolve("standalone/deployments/cs-bridge.ear")).exists();
        assertThat(jbossHome.resolve("modules/org/postgresql/main/postgresql.jar")).exists();

        run(install, "jdbc:postgresql://127.0.0.1:5432/csbridge");
        run(install, "jdbc:postgresql://127.0.0.1:5432/csbridge");
        String postgres = Files.readString(config);
        assertThat(postgres).contains("<connection-url>${env.DB_URL}</connection-url>", "<driver>csbridge-postgresql</driver>",
                "password=\"${env.DB_PASSWORD:csbridge}\"");
        assertThat(count(postgres, "jndi-name=\"java:jboss/datasources/CsBridgeDS\"")).isEqualTo(1);

        run(undo, null);
        run(undo, null);
        String undone = Files.readString(config);
        assertThat(undone).doesNotContain("CsBridgeDS", "csbridge-postgresql", "application-security-domain name=\"csbridge\"",
                "category=\"io.csbridge\"");
        assertThat(otherSecurityDomain(undone)).isEqualTo(otherDomainBefore);
        assertThat(jbossHome.resolve("standalone/deployments/cs-bridge.ear")).doesNotExist();
    }

    /** The fenced {@code sh} blocks of the README's deploy section, in order. */
    static List<String> shellBlocks(String readme) {
        int start = readme.indexOf(SECTION);
        assertThat(start).as("README has " + SECTION).isNotNegative();
        int end = readme.indexOf("\n## ", start + SECTION.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL).matcher(section);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** Runs a block with bash from the repository root, JBOSS_HOME the clean server, DB_URL as given. */
    static void run(String block, String dbUrl) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", block)
                .directory(ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("JBOSS_HOME", jbossHome.toString());
        env.remove("DB_URL");
        env.remove("DB_USER");
        env.remove("DB_PASSWORD");
        if (dbUrl != null) env.put("DB_URL", dbUrl);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("exit code of\n%s\noutput:\n%s", block, output).isZero();
    }

    static String otherSecurityDomain(String config) {
        Matcher m = Pattern.compile("<application-security-domain name=\"other\"[^>]*>").matcher(config);
        assertThat(m.find()).isTrue();
        return m.group();
    }

    static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    /** Unpacks the distribution zip (keeping the scripts executable); returns the server's home. */
    static Path unzip(Path zip, Path into) throws IOException {
        Path home = null;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                Path target = into.resolve(e.getName()).normalize();
                if (!target.startsWith(into)) throw new IOException("bad entry " + e.getName());
                if (home == null) home = into.resolve(e.getName().split("/")[0]);
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (e.getName().endsWith(".sh")) target.toFile().setExecutable(true);
            }
        }
        return home;
    }
}
