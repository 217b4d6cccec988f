package io.csbridge.app.imports;

import io.csbridge.app.jobs.JobView;
import io.csbridge.app.jobs.Jobs;
import io.csbridge.store.jobs.JobStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /admin/api/imports/usage}: the product's usage history as NDJSON of Segment messages. The body
 * is streamed to a file in the server's data directory (never held in memory; up to {@link #MAX_BYTES}), then
 * imported by a durable {@link UsageFileJob}, which resumes from its checkpoint after a restart.
 */
@ApplicationScoped
public class UsageImports {

    public static final String SOURCE = "usage-file";
    public static final long MAX_BYTES = 1L << 30;
    /** The job's parameters: the uploaded file on this node, and whether it is gzip. */
    public static final String FILE = "file";
    public static final String GZIP = "gzip";

    /** An upload refused before any job started: {@code status} is the HTTP answer (400, 409, 413). */
    public static final class UploadRefused extends RuntimeException {
        private final int status;
        private final String error;

        public UploadRefused(int status, String error, String detail) {
            super(detail);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    @Inject
    Jobs jobs;

    /**
     * Stores the upload and starts its import.
     *
     * @param gzip the body is announced as gzip-compressed ({@code Content-Encoding: gzip}); a body that starts
     *             with gzip's magic bytes is taken as gzip anyway
     * @throws UploadRefused when the body is empty, not gzip as announced, too large, or an import runs
     */
    public JobView upload(InputStream body, boolean gzip, String by) {
        if (jobs.newest(true, 50).stream().anyMatch(j -> j.running() && SOURCE.equals(j.source()))) {
            throw busy();
        }
        Path file = spool(body, gzip);
        try {
            boolean compressed = gzip || startsAsGzip(file);
            return jobs.start(UsageFileJob.KIND, SOURCE, Map.of(FILE, file.toString(), GZIP, String.valueOf(compressed)), by);
        } catch (JobStore.SourceBusyException e) {
            delete(file);
            throw busy();
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    private static Path spool(InputStream body, boolean gzip) {
        Path file;
        try {
            Path dir = Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir")),
                    "csbridge-imports");
            Files.createDirectories(dir);
            file = dir.resolve("usage-" + UUID.randomUUID() + (gzip ? ".ndjson.gz" : ".ndjson"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the import directory", e);
        }
        long total = 0;
        byte[] head = new byte[2];
        byte[] buffer = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            int n;
            while ((n = body.read(buffer)) > 0) {
                if (total < 2) System.arraycopy(buffer, 0, head, (int) total, (int) Math.min(n, 2 - total));
                total += n;
                if (total > MAX_BYTES) {
                    throw new UploadRefused(413, "payload_too_large", "the file is larger than " + MAX_BYTES + " bytes");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            delete(file);
            throw new UploadRefused(400, "malformed_request", "the upload broke off: " + e.getMessage());
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
        if (total == 0) {
            delete(file);
            throw new UploadRefused(400, "malformed_request", "the body is empty: send NDJSON, one Segment message a line");
        }
        if (gzip && (total < 2 || (head[0] & 0xff) != 0x1f || (head[1] & 0xff) != 0x8b)) {
            delete(file);
            throw new UploadRefused(400, "malformed_request", "Content-Encoding is gzip but the body is not gzip");
        }
        return file;
    }

    private static boolean startsAsGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static UploadRefused busy() {
        return new UploadRefused(409, "conflict", "an import of usage history is already running");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing was started from it
        }
    }
}
