package io.csbridge.processing;

import io.csbridge.store.Database;

import io.csbridge.store.account.AccountDirectory;

import java.time.Clock;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Rescores every account from its signals (after a model change, or to catch up time-windowed
 * measures), in small transactions, reporting progress as it goes. Writes queue exactly as an event
 * would: only changed values go out.
 */
public final class RescoreAll {

    private static final Logger LOG = Logger.getLogger(RescoreAll.class.getName());
    private static final int PER_TRANSACTION = 50;

    private final Database database;
    private final AccountDirectory directory;
    private final EventProcessor processor;
    private final Clock clock;
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total = -1;

    public RescoreAll(Database database, EventProcessor processor, Clock clock) {
        this.database = database;
        this.directory = new AccountDirectory(database);
        this.processor = processor;
        this.clock = clock;
    }

    public int done() {
        return done.get();
    }

    /** -1 until the accounts are counted. */
    public int total() {
        return total;
    }

    /** Runs to the end, or until {@code cancelled} says stop. @return accounts rescored */
    public int run(BooleanSupplier cancelled) {
        List<String> ids = database.transaction(directory::allIds);
        total = ids.size();
        LOG.info(() -> "rescoring " + ids.size() + " accounts");
        for (int from = 0; from < ids.size() && !cancelled.getAsBoolean(); from += PER_TRANSACTION) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PER_TRANSACTION));
            database.transaction(tx -> {
                // The processor's lock order (Java's string order; the database's ORDER BY may collate differently).
                for (String id : new TreeSet<>(chunk)) directory.lock(tx, id);
                processor.rescore(tx, chunk, clock.instant());
                return null;
            });
            int n = done.addAndGet(chunk.size());
            if (n % 1000 < PER_TRANSACTION) LOG.info(() -> "rescored " + n + " of " + ids.size() + " accounts");
        }
        LOG.info(() -> "rescore finished: " + done.get() + " of " + ids.size() + " accounts");
        return done.get();
    }
}
