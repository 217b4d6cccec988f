package io.csbridge.processing;

import io.csbridge.domain.signal.Signal;
import io.csbridge.store.account.AccountDirectory;
import io.csbridge.store.account.SignalStore;
import io.csbridge.store.Transaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The signals a batch applies, stored together before the touched accounts are rescored: one
 * batched insert, and one update per account (its earliest new event time, its new signal version).
 */
final class BatchEffects {

    private final SignalStore signals;
    private final AccountDirectory directory;
    private final HistoryCache histories;
    private final List<SignalStore.Effect> pending = new ArrayList<>();
    private final Map<String, Instant> earliest = new TreeMap<>();

    BatchEffects(SignalStore signals, AccountDirectory directory, HistoryCache histories) {
        this.signals = signals;
        this.directory = directory;
        this.histories = histories;
    }

    void add(long inboxId, int seq, String accountId, Signal s) {
        pending.add(new SignalStore.Effect(inboxId, seq, accountId, s));
        earliest.merge(accountId, s.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
    }

    /** The times of this batch's signals stamped after {@code now}, by account: when each account must be rescored. */
    Map<String, Set<Instant>> stampedAfter(Instant now) {
        Map<String, Set<Instant>> out = new TreeMap<>();
        for (SignalStore.Effect e : pending) {
            if (e.signal().occurredAt().isAfter(now)) out.computeIfAbsent(e.accountId(), k -> new java.util.TreeSet<>()).add(e.signal().occurredAt());
        }
        return out;
    }

    Set<String> touched() {
        return earliest.keySet();
    }

    /**
     * Stores the signals and returns every stored signal of each touched account, whatever its time:
     * the signals held in memory at the version found under the lock plus the ones this batch stored
     * (read back, so in their stored form), or else all of them read from the database. What is
     * returned is staged as the accounts' signals at their new versions.
     *
     * @param versions the signal version of each locked account, as its lock found it
     */
    Map<String, List<Signal>> store(Transaction tx, Map<String, Long> versions, HistoryCache.Staged staged) {
        int[] added = signals.addAll(tx, pending);
        Map<String, Long> newVersions = directory.signalsAdded(tx, earliest);
        Map<String, List<SignalStore.Effect>> fresh = new HashMap<>();
        Set<String> unsure = new HashSet<>();
        for (int i = 0; i < pending.size(); i++) {
            SignalStore.Effect e = pending.get(i);
            if (added[i] > 0) fresh.computeIfAbsent(e.accountId(), k -> new ArrayList<>()).add(e);
            else if (added[i] < 0) unsure.add(e.accountId()); // the driver does not say whether it was new
        }
        Map<String, List<Signal>> all = new TreeMap<>();
        List<SignalStore.Effect> readBack = new ArrayList<>();
        List<String> toRead = new ArrayList<>();
        for (String id : touched()) {
            Optional<List<Signal>> held = unsure.contains(id) ? Optional.empty() : histories.at(id, versions.get(id));
            if (held.isPresent()) {
                all.put(id, new ArrayList<>(held.get()));
                readBack.addAll(fresh.getOrDefault(id, List.of()));
            } else {
                toRead.add(id);
            }
        }
        signals.stored(tx, readBack).forEach((id, stored) -> all.get(id).addAll(stored));
        all.putAll(signals.forAccounts(tx, toRead, null));
        for (String id : touched()) {
            all.putIfAbsent(id, new ArrayList<>());
            staged.put(id, newVersions.get(id), all.get(id));
        }
        return all;
    }
}
