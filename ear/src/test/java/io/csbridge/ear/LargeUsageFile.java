package io.csbridge.ear;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/**
 * A gzip NDJSON usage history of at least {@code gzipBytes}, written to disk as it is generated (never held in
 * memory): Segment track messages (ids {@code <run>-<i>}) whose properties carry a {@value #NOTE_CHARS}-character
 * random note, as a product that sends page context and free text does, so the file is large in bytes without
 * needing millions of lines (random text barely compresses: about 12 KB of gzip a line). Every
 * {@value #BAD_EVERY}th line is bad, in turn: not JSON, no messageId, and a line longer than the 1 MiB limit.
 */
final class LargeUsageFile {

    static final int NOTE_CHARS = 16_000;
    static final int BAD_EVERY = 2_000;

    final Path file;
    final String run;
    int good;
    int bad;
    /** Line numbers (1-based) of the bad lines, in order. */
    final List<Long> badLines = new ArrayList<>();
    long bytes;

    LargeUsageFile(Path file, String run, long gzipBytes, int accounts, Instant start) throws IOException {
        this.file = file;
        this.run = run;
        Files.createDirectories(file.getParent());
        SplittableRandom random = new SplittableRandom(42);
        byte[] noise = new byte[NOTE_CHARS * 3 / 4];
        long line = 0;
        try (OutputStream disk = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
             GZIPOutputStream gzip = new GZIPOutputStream(disk, 1 << 16);
             Writer out = new OutputStreamWriter(gzip, StandardCharsets.UTF_8)) {
            while (Files.size(file) < gzipBytes || good == 0) {
                for (int n = 0; n < 100; n++) {
                    line++;
                    if (line % BAD_EVERY == 0) {
                        out.write(badLine(bad++));
                        badLines.add(line);
                        continue;
                    }
                    for (int i = 0; i < noise.length; i += 8) {
                        long r = random.nextLong();
                        for (int b = 0; b < 8 && i + b < noise.length; b++) noise[i + b] = (byte) (r >>> (8 * b));
                    }
                    String note = Base64.getEncoder().encodeToString(noise);
                    out.write("{\"type\":\"track\",\"messageId\":\"" + run + "-" + good + "\",\"userId\":\"u" + (good % 7) + "-" + run
                            + "\",\"event\":\"Report Viewed\",\"timestamp\":\"" + start.plusSeconds(30L * good)
                            + "\",\"properties\":{\"report\":\"r" + (good % 13) + "\",\"note\":\"" + note + "\"},"
                            + "\"context\":{\"groupId\":\"" + run + "-acct-" + (good % accounts) + "\"}}\n");
                    good++;
                }
                out.flush();
            }
        }
        this.bytes = Files.size(file);
    }

    private static String badLine(int which) {
        return switch (which % 3) {
            case 0 -> "{\"type\":\"track\",\"event\":broken\n";
            case 1 -> "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"timestamp\":\"2026-01-01T00:00:00Z\"}\n";
            default -> "{\"type\":\"track\",\"messageId\":\"too-long\",\"event\":\"" + "x".repeat((1 << 20) + 10) + "\"}\n";
        };
    }

    /** {@code POST /admin/api/imports/usage} with the file streamed from disk (Basic, gzip). */
    HttpRequest upload() throws IOException {
        String auth = Base64.getEncoder().encodeToString((CsBridgeClient.ADMIN + ":" + CsBridgeClient.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api/imports/usage"))
                .timeout(Duration.ofSeconds(600)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/x-ndjson").header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build();
    }
}
