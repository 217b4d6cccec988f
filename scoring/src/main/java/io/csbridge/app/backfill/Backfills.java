package io.csbridge.app.backfill;

import io.csbridge.app.jobs.Jobs;
import io.csbridge.backfill.ReadPositions;
import io.csbridge.backfill.ReadRun;
import io.csbridge.backfill.VendorReader;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.backfill.ReadCursorStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Backfills (CONTRACT §5): reads a vendor's history since a date through its {@link VendorReader} into
 * the inbox, as background jobs ({@link Jobs}). Each run checkpoints its reader's position under
 * {@code backfill:<source>:<start millis>} in {@link ReadPositions}; when it finishes, a vendor without a
 * reconciliation cursor gets the backfill's, so the continuous catch-up starts where the backfill ended.
 */
@ApplicationScoped
public class Backfills {

    /** A backfill as {@code GET /admin/api/backfills/{id}} shows it. */
    public record Backfill(String id, String source, String state, long processed, long fresh, long skipped,
                           Instant startedAt, Instant finishedAt, String error) {
    }

    /** Another backfill of the source is running. */
    public static final class AlreadyRunning extends Exception {
        public AlreadyRunning(String id) {
            super(id);
        }
    }

    public static final String KIND = "backfill:";

    @Inject
    Pipeline pipeline;
    @Inject
    Jobs jobs;
    @Inject
    @Any
    Instance<VendorReader> readers;

    private final Map<Long, ReadRun> runs = new ConcurrentHashMap<>();

    /** The sources a backfill can read: {@code salesforce}, {@code zendesk}. */
    public List<String> sources() {
        List<String> out = new ArrayList<>();
        readers.forEach(r -> out.add(r.source()));
        return out;
    }

    /** Starts a backfill of {@code source} since {@code since} (default: two years back). */
    public synchronized Backfill start(String source, Optional<LocalDate> since, String by) throws AlreadyRunning {
        VendorReader reader = reader(source).orElseThrow(() -> new IllegalArgumentException("unknown source " + source));
        for (Backfill b : all()) {
            if (b.source().equals(source) && b.state().equals("RUNNING")) throw new AlreadyRunning(b.id());
        }
        Instant now = pipeline.clock().instant();
        Instant from = since.orElse(LocalDate.ofInstant(now, ZoneOffset.UTC).minusYears(2)).atStartOfDay(ZoneOffset.UTC).toInstant();
        ReadPositions positions = new ReadCursorStore(pipeline.database());
        ReadRun run = new ReadRun(reader, positions, pipeline.inbox(), KIND + source + ":" + now.toEpochMilli());
        long[] id = {0};
        Jobs.Progress p = jobs.start(KIND + source, by, new Jobs.Work() {
            @Override
            public void run(BooleanSupplier cancelled) throws Exception {
                if (!reader.live()) throw new IllegalStateException(source + " is in sandbox mode: set its credentials to backfill");
                if (run.run(from, cancelled)) {
                    String reconcile = "reconcile:" + source;
                    if (positions.position(reconcile).isEmpty()) {
                        positions.position(run.name()).ifPresent(position -> positions.save(reconcile, position, 0));
                    }
                }
            }

            @Override
            public long done() {
                return run.read();
            }

            @Override
            public long total() {
                return run.read();
            }
        });
        runs.put(p.id(), run);
        return view(p);
    }

    public Optional<Backfill> get(String id) {
        long n = number(id);
        Jobs.Progress p = n < 0 ? null : jobs.get(n);
        return p == null || !p.kind().startsWith(KIND) ? Optional.empty() : Optional.of(view(p));
    }

    /** Every backfill since the server started, newest first. */
    public List<Backfill> all() {
        return jobs.all().stream().filter(p -> p.kind().startsWith(KIND)).map(this::view).toList();
    }

    /** @return false when no such backfill is running */
    public boolean cancel(String id) {
        return get(id).isPresent() && jobs.cancel(number(id));
    }

    private Optional<VendorReader> reader(String source) {
        for (VendorReader r : readers) if (r.source().equals(source)) return Optional.of(r);
        return Optional.empty();
    }

    private Backfill view(Jobs.Progress p) {
        ReadRun run = runs.get(p.id());
        String state = switch (p.state()) {
            case "running" -> "RUNNING";
            case "finished" -> "DONE";
            case "cancelled" -> "CANCELLED";
            default -> "FAILED";
        };
        return new Backfill(String.valueOf(p.id()), p.kind().substring(KIND.length()), state,
                run == null ? p.done() : run.read(), run == null ? 0 : run.fresh(), run == null ? 0 : run.skipped(),
                p.startedAt(), p.finishedAt(), p.error());
    }

    private static long number(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
