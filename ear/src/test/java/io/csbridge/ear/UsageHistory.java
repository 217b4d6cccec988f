package io.csbridge.ear;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;

/**
 * A generated usage history for the import tests: {@code good} Segment track messages (ids {@code <run>-<i>}) over
 * {@code accounts} accounts, with a bad line after every {@code badEvery}-th good one (alternately not JSON and a
 * message without a messageId), gzip-compressed; and the upload request.
 */
final class UsageHistory {

    final String run;
    final int good;
    final int bad;
    final byte[] gzip;

    UsageHistory(String run, int good, int accounts, int badEvery, Instant start) {
        this.run = run;
        this.good = good;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int badLines = 0;
        try (OutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            StringBuilder chunk = new StringBuilder();
            for (int i = 0; i < good; i++) {
                chunk.append(message(i, accounts, start)).append('\n');
                if (badEvery > 0 && i % badEvery == badEvery - 1) {
                    chunk.append(badLines++ % 2 == 0 ? "{\"type\":\"track\",\"event\":broken\n"
                            : "{\"type\":\"track\",\"event\":\"x\",\"userId\":\"u\",\"timestamp\":\"" + start + "\"}\n");
                }
                if (chunk.length() > 1 << 16) {
                    gz.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                    chunk.setLength(0);
                }
            }
            gz.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.bad = badLines;
        this.gzip = bytes.toByteArray();
    }

    String messageId(int i) {
        return run + "-" + i;
    }

    String account(int i, int accounts) {
        return run + "-acct-" + (i % accounts);
    }

    String message(int i, int accounts, Instant start) {
        return "{\"type\":\"track\",\"messageId\":\"" + messageId(i) + "\",\"userId\":\"u" + (i % 5) + "-" + run
                + "\",\"event\":\"Report Viewed\",\"timestamp\":\"" + start.plusSeconds(60L * i)
                + "\",\"context\":{\"groupId\":\"" + account(i, accounts) + "\"}}";
    }

    /** {@code POST /admin/api/imports/usage} with this file, as a program sends it (Basic, gzip). */
    HttpRequest upload() {
        return upload(gzip, "application/x-ndjson", "gzip");
    }

    static HttpRequest upload(byte[] body, String type, String encoding) {
        String auth = Base64.getEncoder().encodeToString((CsBridgeClient.ADMIN + ":" + CsBridgeClient.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + "/admin/api/imports/usage"))
                .timeout(Duration.ofSeconds(120)).header("Authorization", "Basic " + auth).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) request.header("Content-Encoding", encoding);
        return request.build();
    }

    /** An admin {@code POST} with a JSON body, as a program sends it. */
    static HttpRequest post(String path, String json) {
        String auth = Base64.getEncoder().encodeToString((CsBridgeClient.ADMIN + ":" + CsBridgeClient.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    /** An admin {@code DELETE}, as the UI's Cancel button sends it (a program needs no CSRF token). */
    static HttpRequest delete(String path) {
        String auth = Base64.getEncoder().encodeToString((CsBridgeClient.ADMIN + ":" + CsBridgeClient.ADMIN_PASSWORD)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(CsBridgeClient.BASE + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Basic " + auth).header("Content-Type", "application/json")
                .method("DELETE", HttpRequest.BodyPublishers.noBody()).build();
    }
}
