package io.csbridge.ear;

import com.segment.analytics.Analytics;
import com.segment.analytics.messages.GroupMessage;
import com.segment.analytics.messages.TrackMessage;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import static io.csbridge.ear.UsageMessages.batch;
import static io.csbridge.ear.UsageMessages.group;
import static io.csbridge.ear.UsageMessages.track;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durability promise: the server is killed with SIGKILL while deliveries are being accepted and
 * processed; after a restart, and the sender's retries of what was not acknowledged, every event is
 * counted exactly once.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ServerRestartIT {

    private static final Logger LOG = Logger.getLogger(ServerRestartIT.class.getName());
    static final String CONTAINER = "wildfly-restart";
    static final int BATCHES = 60;
    static final int PER_BATCH = 20;

    @ArquillianResource
    ContainerController controller;

    @ArquillianResource
    Deployer deployer;

    final CsBridgeClient client = new CsBridgeClient();

    @Deployment(name = "ear", managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive ear() {
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, new File(System.getProperty("ear.file")));
    }

    @Test
    void aServerKilledInTheMiddleOfABatchLosesNoAcknowledgedEventAndCountsNoneTwice() throws Exception {
        controller.start(CONTAINER);
        deployer.deploy("ear");
        String account = "restart-" + UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(86_400);
        List<String> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            List<String> messages = new ArrayList<>();
            if (b == 0) messages.add(group("g-" + account, account, "Restart Co", account + ".example", "001r", start));
            for (int i = 0; i < PER_BATCH; i++) {
                messages.add(track("e-" + account + "-" + b + "-" + i, account, "Report Viewed",
                        start.plusSeconds(60L * (b * PER_BATCH + i))));
            }
            batches.add(batch(messages));
        }
        int expected = BATCHES * PER_BATCH + 1;

        // Four senders deliver concurrently; the server is killed once a third is acknowledged.
        Set<Integer> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            senders.submit(() -> {
                int b;
                while ((b = next.getAndIncrement()) < BATCHES) {
                    if (client.postUsage(batches.get(b)).status() == 200) acknowledged.add(b);
                }
            });
        }
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(120);
        while (acknowledged.size() < BATCHES / 3) {
            assertThat(java.time.Instant.now()).as("a third of the batches acknowledged within 2 minutes").isBefore(deadline);
            CsBridgeClient.sleep(5);
        }
        int acknowledgedBeforeKill = acknowledged.size();
        killServerWithSigkill();
        senders.shutdown();
        assertThat(senders.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        LOG.info(() -> "killed after " + acknowledgedBeforeKill + " acknowledged batches; " + acknowledged.size()
                + " acknowledged in all before the server went away");
        assertThat(acknowledged.size()).isLessThan(BATCHES);

        controller.kill(CONTAINER);
        controller.start(CONTAINER);
        // The sender retries only what was never acknowledged, as Segment or any webhook sender would.
        for (int b = 0; b < BATCHES; b++) {
            if (acknowledged.contains(b)) continue;
            CsBridgeClient.Answer answer = client.postUsage(batches.get(b));
            for (int tries = 0; answer.status() != 200 && tries < 50; tries++) {
                CsBridgeClient.sleep(200);
                answer = client.postUsage(batches.get(b));
            }
            assertThat(answer.status()).as("retry of batch " + b).isEqualTo(200);
        }

        CsBridgeClient.Answer counted = client.awaitAdmin("/accounts/" + account,
                a -> a.status() == 200 && a.json().get("signalCount").asInt() >= expected
                        && client.admin("/pipeline").json().get("inbox").get("new").asInt() == 0, 90);
        CsBridgeClient.sleep(1000);
        counted = client.admin("/accounts/" + account);
        assertThat(counted.json().get("signalCount").asInt()).isEqualTo(expected);
        assertThat(client.admin("/pipeline").json().get("inbox").get("failed").asInt()).isZero();

        deployer.undeploy("ear");
        controller.stop(CONTAINER);
    }

    /**
     * The same promise for a product that sends with Segment's own analytics-java: the server is killed
     * while the library is uploading, and the library's own retries (its backoff, through the restart)
     * deliver the rest; what was committed but never answered is retried and counted once.
     */
    @Test
    void segmentsLibraryRetriesThroughARestartAndNothingIsLostOrCountedTwice() throws Exception {
        controller.start(CONTAINER);
        deployer.deploy("ear");
        String account = "librestart-" + UUID.randomUUID();
        Instant start = Instant.now().minusSeconds(86_400);
        int tracks = 600;
        SegmentLibraryIT.Outcomes outcomes = new SegmentLibraryIT.Outcomes();
        Analytics analytics = Analytics.builder(SegmentLibraryIT.WRITE_KEY).endpoint(SegmentLibraryIT.ENDPOINT)
                .flushQueueSize(25).retries(8).callback(outcomes).build();
        analytics.enqueue(GroupMessage.builder(account).userId("u-" + account).messageId("g-" + account)
                .timestamp(Date.from(start)).traits(Map.of("name", "Library Restart Co", "domain", account + ".example")));
        for (int i = 0; i < tracks; i++) {
            analytics.enqueue(TrackMessage.builder("Report Viewed").userId("u-" + account).messageId("e-" + account + "-" + i)
                    .context(Map.of("groupId", account)).timestamp(Date.from(start.plusSeconds(60L * i))));
        }
        analytics.flush();
        Instant deadline = Instant.now().plusSeconds(120);
        while (outcomes.delivered.size() < tracks / 3) {
            assertThat(Instant.now()).as("a third delivered within 2 minutes").isBefore(deadline);
            CsBridgeClient.sleep(5);
        }
        killServerWithSigkill();
        int deliveredBeforeKill = outcomes.delivered.size();
        controller.kill(CONTAINER);
        controller.start(CONTAINER);

        outcomes.await(tracks + 1, 300);
        analytics.shutdown();
        LOG.info(() -> "killed after " + deliveredBeforeKill + " messages acknowledged to the library");
        assertThat(deliveredBeforeKill).isLessThan(tracks + 1);
        assertThat(outcomes.failed).as("given up by the library").isEmpty();
        assertThat(outcomes.delivered).hasSize(tracks + 1);
        client.awaitAdmin("/accounts/" + account, a -> a.status() == 200 && a.json().get("signalCount").asInt() >= tracks + 1
                && client.admin("/pipeline").json().get("inbox").get("new").asInt() == 0, 90);
        CsBridgeClient.sleep(1000);
        assertThat(client.admin("/accounts/" + account).json().get("signalCount").asInt()).isEqualTo(tracks + 1);
        assertThat(client.admin("/pipeline").json().get("inbox").get("failed").asInt()).isZero();

        deployer.undeploy("ear");
        controller.stop(CONTAINER);
    }

    /** A real kill -9 of the WildFly JVM: no shutdown hooks, no graceful undeploy. */
    private static void killServerWithSigkill() throws Exception {
        String home = new File(System.getProperty("jboss.home")).getCanonicalPath();
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar") && c.contains(home)).orElse(false))
                .toList();
        assertThat(servers).as("running WildFly under " + home).isNotEmpty();
        for (ProcessHandle server : servers) {
            server.destroyForcibly();
            server.onExit().get(30, TimeUnit.SECONDS);
        }
    }
}
