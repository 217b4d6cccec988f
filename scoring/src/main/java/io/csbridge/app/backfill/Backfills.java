package io.csbridge.app.backfill;

import io.csbridge.app.jobs.JobView;
import io.csbridge.app.jobs.Jobs;
import io.csbridge.backfill.VendorReader;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.jobs.JobStore;
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

/**
 * Backfills (CONTRACT §5): a vendor's history since a date, read through its {@link VendorReader} into the
 * inbox by a durable {@link BackfillJob}: one per source at a time, visible and cancellable from every node,
 * resumed after a restart where it stopped. Read and cancelled like imports, through {@link Jobs}.
 */
@ApplicationScoped
public class Backfills {

    /** Another backfill of the source is running. */
    public static final class AlreadyRunning extends Exception {
        public AlreadyRunning(String source) {
            super("a backfill of " + source + " is running");
        }
    }

    @Inject
    Pipeline pipeline;
    @Inject
    Jobs jobs;
    @Inject
    @Any
    Instance<VendorReader> readers;

    /** The sources a backfill can read: {@code salesforce}, {@code zendesk}. */
    public List<String> sources() {
        List<String> out = new ArrayList<>();
        readers.forEach(r -> out.add(r.source()));
        return out;
    }

    /** Starts a backfill of {@code source} since {@code since} (default: two years back). */
    public JobView start(String source, Optional<LocalDate> since, String by) throws AlreadyRunning {
        if (!sources().contains(source)) throw new IllegalArgumentException("unknown source " + source);
        Instant now = pipeline.clock().instant();
        Instant from = since.orElse(LocalDate.ofInstant(now, ZoneOffset.UTC).minusYears(2)).atStartOfDay(ZoneOffset.UTC).toInstant();
        try {
            return jobs.start(BackfillJob.KIND, source, Map.of(BackfillJob.SOURCE, source, BackfillJob.SINCE, from.toString()), by);
        } catch (JobStore.SourceBusyException busy) {
            throw new AlreadyRunning(source);
        }
    }
}
