package io.csbridge.processing;

import io.csbridge.domain.signal.Signal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stored signals of recently rescored accounts, kept in memory between batches so that a batch
 * reads from the database only the signals it adds, not every signal of every account it touches.
 *
 * <p>An entry is the account's complete list of stored signals at one signal version (see
 * {@code AccountDirectory.signalsAdded}: every change to an account's signals replaces its version in
 * the same transaction). The processor uses an entry only if the version it finds under the account's
 * lock is the entry's, and adds what its own transaction stored; otherwise it reads the account from
 * the database. Entries are written only after the transaction that produced them committed
 * ({@link Staged#publish}). So a score computed from an entry is computed from exactly the signals a
 * full read would return; {@code ScoresFromBatchesTest} checks that against full recomputation.
 *
 * <p>Bounded by the number of signals held; the accounts used least recently are dropped first.
 */
final class HistoryCache {

    private record Entry(long version, List<Signal> signals) {
    }

    private final long maxSignals;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long held;

    /** @param maxSignals the most signals held at once (0: keep nothing) */
    HistoryCache(long maxSignals) {
        this.maxSignals = maxSignals;
    }

    /** The account's signals at {@code version}, if they are held at exactly that version. */
    synchronized Optional<List<Signal>> at(String accountId, long version) {
        Entry e = entries.get(accountId);
        return e != null && e.version() == version ? Optional.of(e.signals()) : Optional.empty();
    }

    synchronized long held() {
        return held;
    }

    private synchronized void put(String accountId, long version, List<Signal> signals) {
        Entry old = entries.remove(accountId);
        if (old != null) held -= old.signals().size();
        if (signals.size() > maxSignals) return;
        entries.put(accountId, new Entry(version, signals));
        held += signals.size();
        var eldest = entries.entrySet().iterator();
        while (held > maxSignals && eldest.hasNext()) {
            held -= eldest.next().getValue().signals().size();
            eldest.remove();
        }
    }

    /**
     * Entries of one transaction: published after its commit, dropped if it never commits (the entries
     * held before stay right: a rolled-back transaction leaves the versions they were kept at).
     */
    Staged stage() {
        return new Staged();
    }

    final class Staged {
        private final Map<String, Entry> staged = new HashMap<>();

        /** The account will hold exactly {@code signals} at {@code version} once the transaction commits. */
        void put(String accountId, long version, List<Signal> signals) {
            staged.put(accountId, new Entry(version, List.copyOf(signals)));
        }

        /** Call after the commit. */
        void publish() {
            for (Map.Entry<String, Entry> e : staged.entrySet()) {
                HistoryCache.this.put(e.getKey(), e.getValue().version(), e.getValue().signals());
            }
            staged.clear();
        }

    }
}
