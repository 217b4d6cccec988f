package io.csbridge.app.imports;

import io.csbridge.app.jobs.JobKind;
import io.csbridge.app.jobs.JobRun;
import io.csbridge.app.jobs.JobView;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.store.jobs.Checkpoint;
import io.csbridge.store.jobs.JobStore;
import io.csbridge.usage.MessageRejected;
import io.csbridge.usage.SegmentMessages;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.zip.GZIPInputStream;

/**
 * The {@code usage-file} job: an uploaded NDJSON file of Segment messages (gzip or not) read line by
 * line, each line validated by {@link SegmentMessages} exactly as {@code /hooks/usage} validates a message,
 * bad lines reported with their numbers and skipped. Each step of lines goes into the inbox together with
 * the checkpoint (line number and byte offset), so a resumed import neither loses nor repeats a line; a
 * {@code messageId} the webhook delivered too counts once (the inbox's dedupe).
 */
@ApplicationScoped
public class UsageFileJob implements JobKind {

    public static final String KIND = "usage-file";
    static final int STEP_LINES = 1_000;
    static final int STEP_BYTES = 4 << 20;
    static final int KEPT_REJECTIONS = 100;
    private static final Logger LOG = Logger.getLogger(UsageFileJob.class.getName());

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public java.util.List<String> sources() {
        return java.util.List.of(UsageImports.SOURCE);
    }

    @Override
    public boolean canRunHere(JobView job) {
        return Files.isReadable(Path.of(job.params().get(UsageImports.FILE)));
    }

    @Override
    public void ended(JobView job) {
        try {
            Files.deleteIfExists(Path.of(job.params().get(UsageImports.FILE)));
        } catch (IOException e) {
            LOG.warning("cannot delete the uploaded file of job " + job.id() + ": " + e.getMessage());
        }
    }

    @Override
    public void run(JobRun run) throws IOException {
        Path file = Path.of(run.params().get(UsageImports.FILE));
        boolean gzip = Boolean.parseBoolean(run.params().get(UsageImports.GZIP));
        long size = Files.size(file);
        long[] cursor = parse(run.cursor());
        Map<String, Long> counts = new HashMap<>(run.counts());
        SegmentMessages messages = new SegmentMessages(run.clock());
        try (Counting raw = new Counting(Files.newInputStream(file));
             InputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16)) {
            in.skipNBytes(cursor[1]);
            NdjsonLines lines = new NdjsonLines(in, cursor[0], cursor[1]);
            boolean more = true;
            while (more && !run.shouldStop()) {
                List<InboxEntry> entries = new ArrayList<>();
                List<JobStore.Rejection> rejected = new ArrayList<>();
                int stepLines = 0;
                long stepBytes = 0;
                long rejectedBefore = counts.getOrDefault("rejected", 0L);
                int stepRejected = 0;
                while (stepLines < STEP_LINES && stepBytes < STEP_BYTES) {
                    long before = lines.offset();
                    NdjsonLines.Line line = lines.next();
                    if (line == null) {
                        more = false;
                        break;
                    }
                    stepBytes += lines.offset() - before;
                    if (line.problem() == null && line.text().isBlank()) continue;
                    stepLines++;
                    String problem = line.problem();
                    if (problem == null) {
                        try {
                            entries.addAll(messages.translate(line.text()));
                        } catch (MessageRejected e) {
                            problem = e.getMessage();
                        }
                    }
                    if (problem != null && rejectedBefore + stepRejected++ < KEPT_REJECTIONS) {
                        rejected.add(new JobStore.Rejection(line.number(), problem));
                    }
                }
                if (stepLines == 0 && more) continue;
                int stepProcessed = stepLines;
                long stepRejections = stepRejected;
                String at = lines.number() + ":" + lines.offset();
                run.commit(entries, rejected, fresh -> {
                    long accepted = 0;
                    for (boolean f : fresh) if (f) accepted++;
                    counts.merge("accepted", accepted, Long::sum);
                    counts.merge("duplicates", (long) fresh.length - accepted, Long::sum);
                    counts.merge("rejected", stepRejections, Long::sum);
                    counts.merge("lines", (long) stepProcessed, Long::sum);
                    return new Checkpoint(at, counts.get("lines"), raw.count(), size, counts);
                });
            }
        }
    }

    /** "line:offset" as [line, offset]; [0, 0] for a fresh import. */
    private static long[] parse(String cursor) {
        if (cursor == null) return new long[]{0, 0};
        int colon = cursor.indexOf(':');
        return new long[]{Long.parseLong(cursor.substring(0, colon)), Long.parseLong(cursor.substring(colon + 1))};
    }

    /** Counts the bytes read from the file (the progress bar's position, compressed or not). */
    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }
    }
}
