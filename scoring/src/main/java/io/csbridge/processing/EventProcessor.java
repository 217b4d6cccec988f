package io.csbridge.processing;

import io.csbridge.alerts.AccountAlerts;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.scoring.AccountScorer;
import io.csbridge.domain.signal.Signal;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.outbox.RetryPolicy;
import io.csbridge.store.account.AccountDirectory;
import io.csbridge.store.account.AccountRescorer;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.DueRescores;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.store.pipeline.OutboxStore;
import io.csbridge.store.account.SignalStore;
import io.csbridge.store.Transaction;
import io.csbridge.store.account.UnmatchedSignals;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Turns inbox events into effects: signals on accounts, fresh scores, and outbox writes. Each batch
 * is one transaction, so an event's effects are applied exactly once however often it is picked up
 * (at least once: a crash before commit leaves it NEW). Rows are claimed with SKIP LOCKED, so two
 * nodes on one database share the work; account rows are locked in id order before rescoring, so
 * concurrent batches never score an account from a partial view. A batch is applied by
 * {@link BatchApplier}, its accounts rescored by {@link Rescoring}. A batch that fails is run again event by
 * event; an event that fails alone is tried again later with backoff and parked only when its attempts run
 * out ({@link FailedAttempts}).
 */
public final class EventProcessor implements AccountRescorer {

    private static final Logger LOG = Logger.getLogger(EventProcessor.class.getName());

    private final Database database;
    private final InboxStore inbox;
    private final SignalStore signals;
    private final int batchSize;
    private final HistoryCache histories = new HistoryCache(HELD_SIGNALS);
    private final Rescoring rescoring;
    private final BatchApplier applier;
    private final FailedAttempts failures;
    private final Clock clock;
    private final DueRescores due;
    private final AccountDirectory lockedAccounts;

    /**
     * The most stored signals kept in memory between batches: about 77 bytes each (event names, users
     * and attribute sets are shared), so at most about 80 MB of heap.
     */
    static final long HELD_SIGNALS = 1_000_000;

    /** A processor without alerts (tests, replays, evaluations). */
    public EventProcessor(Database database, Supplier<AccountScorer> scorer, Supplier<List<DeliveryChannel>> channels,
                          Clock clock, int batchSize) {
        this(database, scorer, channels, clock, batchSize, null);
    }

    /** @param alerts what runs the alert rules after each rescore and handles button presses; null for none */
    public EventProcessor(Database database, Supplier<AccountScorer> scorer, Supplier<List<DeliveryChannel>> channels,
                          Clock clock, int batchSize, AccountAlerts alerts) {
        this(database, scorer, channels, clock, batchSize, alerts, FailedAttempts.STANDARD);
    }

    /**
     * @param retries when an event that failed is tried again, and after how many failures it is parked
     *                ({@code pipeline.max-attempts}, {@code pipeline.retry-base-seconds}, {@code pipeline.retry-cap-seconds})
     */
    public EventProcessor(Database database, Supplier<AccountScorer> scorer, Supplier<List<DeliveryChannel>> channels,
                          Clock clock, int batchSize, AccountAlerts alerts, RetryPolicy retries) {
        this.database = database;
        this.clock = clock;
        this.inbox = new InboxStore(database);
        AccountDirectory directory = new AccountDirectory(database);
        this.signals = new SignalStore(database.dialect());
        this.batchSize = batchSize;
        this.rescoring = new Rescoring(directory, new OutboxStore(database.dialect()), scorer, channels, alerts);
        this.due = new DueRescores(database.dialect());
        this.lockedAccounts = directory;
        this.applier = new BatchApplier(clock, directory, signals, new UnmatchedSignals(database.dialect()), inbox,
                histories, rescoring, alerts, due);
        this.failures = new FailedAttempts(database, inbox, retries);
    }

    /** Processes one batch of new inbox events that are due. @return how many were processed */
    public int processBatch() {
        Instant now = clock.instant();
        try {
            return withTransientRetry(() -> {
                HistoryCache.Staged staged = histories.stage();
                int n = database.transaction(tx -> {
                    List<InboxStore.Claimed> rows = inbox.claimNew(tx, batchSize, now);
                    applier.apply(tx, rows, staged);
                    return rows.size();
                });
                staged.publish();
                return n;
            });
        } catch (RuntimeException | Error batchFailure) {
            // Find the events that break the batch: process the rest, try those again later. If the
            // database itself is down, the first claim below fails and the worker backs off.
            LOG.warning(() -> "batch failed, retrying one by one: " + batchFailure);
            int done = 0;
            for (int i = 0; i < batchSize; i++) {
                Integer one = processOne(now);
                if (one == null) break;
                done += one;
            }
            return done;
        }
    }

    /**
     * Rescores the accounts whose future-stamped signals have come due ({@link DueRescores}), a few at a
     * time, in the processor's lock order. @return how many accounts were rescored
     */
    public int rescoreDue() {
        Instant now = clock.instant();
        return withTransientRetry(() -> database.transaction(tx -> {
            List<DueRescores.Due> rows = due.claim(tx, now, 50);
            if (rows.isEmpty()) return 0;
            java.util.TreeSet<String> ids = new java.util.TreeSet<>();
            for (DueRescores.Due d : rows) ids.add(d.accountId());
            for (String id : ids) lockedAccounts.lock(tx, id);
            rescore(tx, ids, now);
            due.remove(tx, rows);
            return ids.size();
        }));
    }

    private Integer processOne(Instant now) {
        long[] claimedId = {-1};
        try {
            HistoryCache.Staged staged = histories.stage();
            Integer n = database.transaction(tx -> {
                List<InboxStore.Claimed> rows = inbox.claimNew(tx, 1, now);
                if (rows.isEmpty()) return null;
                claimedId[0] = rows.get(0).id();
                applier.apply(tx, rows, staged);
                return 1;
            });
            staged.publish();
            return n;
        } catch (RuntimeException | Error e) {
            if (claimedId[0] < 0) throw e;
            failures.failed(claimedId[0], e, now);
            return 0;
        }
    }

    /**
     * Deadlocks, serialization failures and a concurrent creator winning an insert race (H2's MERGE
     * is not atomic against another session's insert) say nothing about the event: run the batch again.
     */
    private static <T> T withTransientRetry(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (!Database.isTransient(e) || attempt >= 5) throw e;
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(5, 50L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /**
     * Scores the account as of {@code now} from its stored signals, queues writes whose values changed,
     * and (with alerts) runs the alert rules on the change from the previous score.
     */
    @Override
    public AccountScore rescore(Transaction tx, String accountId, Instant now) {
        return rescore(tx, List.of(accountId), now).get(accountId);
    }

    /**
     * {@link #rescore(Transaction, String, Instant)} for several accounts, which the caller has locked,
     * each from all of its signals read from the database.
     *
     * @return the new scores by account id
     */
    public Map<String, AccountScore> rescore(Transaction tx, Collection<String> accountIds, Instant now) {
        Map<String, List<Signal>> all = new LinkedHashMap<>();
        Map<String, List<Signal>> read = signals.forAccounts(tx, accountIds, now);
        for (String id : accountIds) all.put(id, read.getOrDefault(id, List.of()));
        return rescoring.rescore(tx, all, now);
    }

}
