package io.csbridge.ear;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 1: deploying CS Bridge makes the server warn about nothing (a private module named by the
 * deployment, the transactions node identifier, conflicting OpenAPI titles...). Reads the suite server's
 * own log: every line from each deployment's start to "Deployed" (and the boot before it) at WARN or ERROR.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BootWarningsIT {

    static final String STARTING = "WFLYSRV0049";
    static final String DEPLOYING = "WFLYSRV0027: Starting deployment of \"cs-bridge.ear\"";
    static final String DEPLOYED = "WFLYSRV0010: Deployed \"cs-bridge.ear\"";
    /** The server's own default https keystore (WildFly generates one on first use), not ours. */
    static final List<String> SERVER_DEFAULTS = List.of("WFLYELY00023", "WFLYELY01084");
    /**
     * Threads that finish the previous deployment's clean-up asynchronously, whenever they run (the suite
     * redeploys within a second): RESTEasy's cleaner of unclosed clients (ours are closed:
     * ZendeskReaderTest) and Netty's global executor, should any Netty user still finish closing late (the
     * Zendesk client no longer does: ZendeskHttp waits for its threads). What they log belongs to an undeploy,
     * not to this boot.
     */
    static final List<String> UNDEPLOY_THREADS = List.of("(Cleaner-", "(globalEventExecutor-");

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @Test
    void bootingAndDeployingLogsNoWarning() throws IOException {
        Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
        List<String> lines = Files.readAllLines(log);
        List<String> warnings = new ArrayList<>();
        int deployments = 0;
        boolean booting = false;
        for (String line : lines) {
            if (line.contains(STARTING) || line.contains(DEPLOYING)) booting = true;
            if (booting && (line.contains(" WARN ") || line.contains(" ERROR "))
                    && SERVER_DEFAULTS.stream().noneMatch(line::contains) && UNDEPLOY_THREADS.stream().noneMatch(line::contains)) {
                warnings.add(line);
            }
            if (line.contains(DEPLOYED)) {
                booting = false;
                deployments++;
            }
        }
        assertThat(deployments).as("the log holds the suite's deployment").isPositive();
        assertThat(warnings).as("warnings while the server booted and deployed CS Bridge").isEmpty();
    }
}
