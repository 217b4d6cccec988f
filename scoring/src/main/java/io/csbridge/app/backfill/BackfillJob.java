package io.csbridge.app.backfill;

import io.csbridge.app.jobs.JobKind;
import io.csbridge.app.jobs.JobRun;
import io.csbridge.backfill.ReadPositions;
import io.csbridge.backfill.ReadRun;
import io.csbridge.backfill.VendorReader;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.backfill.ReadCursorStore;
import io.csbridge.store.jobs.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@code backfill} job: one vendor's history since a date, read page by page into the inbox. The
 * reader's position is saved under {@code backfill:<job id>} after each page ({@link ReadRun}), so a job
 * resumed after a restart, a {@code kill -9} or on another node reads on from the last page committed,
 * and the inbox's dedupe keys count a page read twice once. When it reads to the end, a vendor without a
 * reconciliation cursor gets the backfill's, so the continuous catch-up starts where the backfill ended.
 */
@ApplicationScoped
public class BackfillJob implements JobKind {

    private static final Logger LOG = Logger.getLogger(BackfillJob.class.getName());
    /** The first wait after the vendor could not be read; each further wait is longer, up to six times this. */
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration BEAT = Duration.ofSeconds(5);

    static final String KIND = "backfill";
    static final String SOURCE = "source";
    static final String SINCE = "since";

    @Inject
    Pipeline pipeline;
    @Inject
    @Any
    Instance<VendorReader> readers;

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public List<String> sources() {
        List<String> out = new ArrayList<>();
        readers.forEach(r -> out.add(r.source()));
        return out;
    }

    @Override
    public void run(JobRun run) throws Exception {
        String source = run.params().get(SOURCE);
        VendorReader reader = reader(source);
        if (!reader.live()) throw new IllegalStateException(source + " is in sandbox mode: set its credentials to backfill");
        ReadPositions positions = new ReadCursorStore(pipeline.database());
        ReadRun read = new ReadRun(reader, positions, pipeline.inbox(), "backfill:" + run.id());
        long freshBefore = run.counts().getOrDefault("fresh", 0L);
        long skippedBefore = run.counts().getOrDefault("skipped", 0L);
        Runnable checkpoint = () -> run.checkpoint(progress(read, freshBefore, skippedBefore));
        boolean toTheEnd = read.runWaitingOut(Instant.parse(run.params().get(SINCE)), () -> {
            checkpoint.run();
            return run.shouldStop();
        }, WAIT, (pause, why) -> {
            LOG.warning("backfill " + run.id() + " of " + source + " waits " + pause.toSeconds() + " s: " + why.getMessage());
            checkpoint.run();
            return pause(run, pause, checkpoint);
        });
        run.checkpoint(progress(read, freshBefore, skippedBefore));
        if (toTheEnd) {
            String reconcile = "reconcile:" + source;
            if (positions.position(reconcile).isEmpty()) {
                positions.position(read.name()).ifPresent(position -> positions.save(reconcile, position, 0));
            }
        }
    }

    /** Sleeps up to {@code pause}, renewing the lease by checkpoints; false when the job should stop first. */
    private static boolean pause(JobRun run, Duration pause, Runnable renew) throws InterruptedException {
        long end = System.nanoTime() + pause.toNanos();
        long lastBeat = System.nanoTime();
        while (System.nanoTime() < end) {
            if (run.shouldStop()) return false;
            Thread.sleep(250);
            if (System.nanoTime() - lastBeat > BEAT.toNanos()) {
                lastBeat = System.nanoTime();
                renew.run(); // a checkpoint renews the lease
            }
        }
        return !run.shouldStop();
    }

    private static Checkpoint progress(ReadRun read, long freshBefore, long skippedBefore) {
        return new Checkpoint(read.name(), read.read(), read.read(), -1,
                Map.of("fresh", freshBefore + read.fresh(), "skipped", skippedBefore + read.skipped()));
    }

    VendorReader reader(String source) {
        for (VendorReader r : readers) if (r.source().equals(source)) return r;
        throw new IllegalArgumentException("unknown source " + source);
    }
}
