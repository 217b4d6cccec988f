package io.csbridge.processing;

import io.csbridge.store.Database;

import io.csbridge.store.account.AccountDirectory;

import java.time.Clock;
import java.util.ArrayList;
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

    /** Where a rescore stands after a chunk: the last account id rescored, of how many. */
    @FunctionalInterface
    public interface Progress {
        void chunkDone(String lastAccountId, int done, int total);
    }

    /** Runs to the end, or until {@code cancelled} says stop. @return accounts rescored */
    public int run(BooleanSupplier cancelled) {
        return run(null, cancelled, (last, n, of) -> { });
    }

    /**
     * Rescores, in account-id order, the accounts after {@code after} (all when null), reporting each chunk.
     *
     * @return accounts rescored, counting those before {@code after}
     */
    public int run(String after, BooleanSupplier cancelled, Progress progress) {
        List<String> all = new ArrayList<>(new TreeSet<>(database.transaction(directory::allIds)));
        int skipped = after == null ? 0 : (int) all.stream().filter(id -> id.compareTo(after) <= 0).count();
        List<String> ids = all.subList(skipped, all.size());
        total = all.size();
        done.set(skipped);
        LOG.info(() -> "rescoring " + ids.size() + " accounts");
        for (int from = 0; from < ids.size() && !cancelled.getAsBoolean(); from += PER_TRANSACTION) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PER_TRANSACTION));
            database.transaction(tx -> {
                // The processor's lock order (Java's string order; the database's ORDER BY may collate differently).
                for (String id : chunk) directory.lock(tx, id);
                processor.rescore(tx, chunk, clock.instant());
                return null;
            });
            int n = done.addAndGet(chunk.size());
            progress.chunkDone(chunk.get(chunk.size() - 1), n, total);
            if (n % 1000 < PER_TRANSACTION) LOG.info(() -> "rescored " + n + " of " + all.size() + " accounts");
        }
        LOG.info(() -> "rescore finished: " + done.get() + " of " + all.size() + " accounts");
        return done.get();
    }
}
