package io.csbridge.ear;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One node of a cluster, started from the built server ({@code jboss.home}) as an operator would start a
 * second node on the same machine: a server base directory of its own (configuration, deployments, data,
 * logs), its ports shifted by an offset, its own transactions node identifier, the EAR in its deployment
 * scanner's directory, and the database from {@code DB_URL}. Killed with SIGKILL when asked.
 */
final class WildFlyNode {

    private final String name;
    private final int offset;
    private final Map<String, String> settings;
    private final Path base;
    private final CsBridgeClient client = new CsBridgeClient();
    private Process process;

    WildFlyNode(String name, int offset, Map<String, String> settings) {
        this.name = name;
        this.offset = offset;
        this.settings = settings;
        this.base = Path.of(System.getProperty("jboss.home")).getParent().resolve("cluster").resolve(name);
    }

    String name() {
        return name;
    }

    String base() {
        return "http://127.0.0.1:" + (8080 + offset);
    }

    String management() {
        return "http://127.0.0.1:" + (9990 + offset);
    }

    void start() throws IOException {
        Path home = Path.of(System.getProperty("jboss.home"));
        deleteTree(base);
        Files.createDirectories(base.resolve("deployments"));
        copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
        Files.copy(Path.of(System.getProperty("ear.file")), base.resolve("deployments/cs-bridge.ear"),
                StandardCopyOption.REPLACE_EXISTING);
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                "-c", System.getProperty("server.config"),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.tx.node.id=" + name,
                "-Djboss.node.name=" + name,
                "-Djava.net.preferIPv4Stack=true"));
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(base.resolve("console.log").toFile());
        builder.environment().put("JBOSS_HOME", home.toString());
        builder.environment().put("JAVA_OPTS", "-Xms256m -Xmx768m -Djava.net.preferIPv4Stack=true");
        process = builder.start();
    }

    /** Until {@code /health/ready} is UP (database, schema, every worker) and the EAR answers. */
    void awaitReady(Duration within) {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new AssertionError(name + " exited; see " + base.resolve("console.log"));
            if (client.get(management() + "/health/ready").status() == 200 && admin("/model").status() == 200) return;
            CsBridgeClient.sleep(500);
        }
        throw new AssertionError(name + " not ready within " + within.toSeconds() + " s; see " + base.resolve("console.log"));
    }

    /** {@code /metrics} on the management port, Prometheus text format. */
    String metrics() {
        CsBridgeClient.Answer answer = client.get(management() + "/metrics");
        if (answer.status() != 200) throw new AssertionError(name + " /metrics: " + answer.status() + " " + answer.body());
        return answer.body();
    }

    CsBridgeClient.Answer admin(String path) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/admin/api" + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic()).GET().build());
    }

    String basic() {
        return ClusterIT.basicAuth();
    }

    CsBridgeClient.Answer send(HttpRequest request) {
        return client.send(request);
    }

    /** SIGKILL: the JVM (and the launcher script) end at once, no shutdown hook runs. */
    void kill() {
        if (process == null) return;
        String marker = "-Djboss.server.base.dir=" + base;
        ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && c.contains("jboss-modules.jar")).orElse(false))
                .forEach(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
