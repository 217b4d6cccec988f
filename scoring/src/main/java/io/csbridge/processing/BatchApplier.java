package io.csbridge.processing;

import io.csbridge.alerts.AccountAlerts;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.store.account.AccountDirectory;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.store.account.SignalCodec;
import io.csbridge.store.account.SignalStore;
import io.csbridge.store.Transaction;
import io.csbridge.store.account.UnmatchedSignals;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Applies one claimed batch of inbox events inside its transaction: resolves (or creates) the accounts
 * their signals name, locks them in id order, stores the signals (parking those no account holds),
 * applies account traits, rescores the touched accounts, handles alert button presses, and marks the
 * events DONE.
 */
final class BatchApplier {

    private final Clock clock;
    private final AccountDirectory directory;
    private final SignalStore signals;
    private final UnmatchedSignals unmatched;
    private final InboxStore inbox;
    private final HistoryCache histories;
    private final Rescoring rescoring;
    private final AccountAlerts alerts;
    private final io.csbridge.store.pipeline.DueRescores due;

    BatchApplier(Clock clock, AccountDirectory directory, SignalStore signals, UnmatchedSignals unmatched,
                 InboxStore inbox, HistoryCache histories, Rescoring rescoring, AccountAlerts alerts,
                 io.csbridge.store.pipeline.DueRescores due) {
        this.due = due;
        this.clock = clock;
        this.directory = directory;
        this.signals = signals;
        this.unmatched = unmatched;
        this.inbox = inbox;
        this.histories = histories;
        this.rescoring = rescoring;
        this.alerts = alerts;
    }

    void apply(Transaction tx, List<InboxStore.Claimed> rows, HistoryCache.Staged staged) {
        if (rows.isEmpty()) return;
        Instant now = clock.instant();
        // Two nodes must take locks in the same order or they deadlock: accounts are resolved (and
        // created) in key order, then locked in id order, before any account row is changed.
        Map<String, Optional<String>> accountOf = new TreeMap<>();
        Map<Long, List<Signal>> decodedRows = new HashMap<>();
        Map<String, Signal> firstWithKey = new HashMap<>();
        for (InboxStore.Claimed row : rows) {
            List<Signal> decoded = SignalCodec.decode(row.signals());
            decodedRows.put(row.id(), decoded);
            for (Signal s : decoded) {
                String k = resolutionKey(s);
                accountOf.put(k, null);
                firstWithKey.merge(k, s, (a, b) -> a.occurredAt().isBefore(b.occurredAt()) ? a : b);
            }
        }
        for (Map.Entry<String, Optional<String>> e : accountOf.entrySet()) {
            Signal s = firstWithKey.get(e.getKey());
            String domain = s.attribute("domain");
            e.setValue(s.account().createsAccounts()
                    ? Optional.of(directory.resolveOrCreate(tx, s.account(), domain, s.occurredAt()))
                    : directory.match(tx, s.account(), domain));
        }
        Map<String, Long> versions = new TreeMap<>();
        for (String id : new TreeSet<>(accountOf.values().stream().flatMap(Optional::stream).toList())) {
            versions.put(id, directory.lock(tx, id));
        }
        BatchEffects effects = new BatchEffects(signals, directory, histories);
        List<Map.Entry<String, Signal>> presses = new ArrayList<>();
        for (InboxStore.Claimed row : rows) {
            List<Signal> decoded = decodedRows.get(row.id());
            for (int seq = 0; seq < decoded.size(); seq++) {
                Signal s = decoded.get(seq);
                String domain = s.attribute("domain");
                Optional<String> accountId = accountOf.get(resolutionKey(s));
                if (accountId.isEmpty()) {
                    unmatched.park(tx, row.id(), seq, s, domain);
                    continue;
                }
                if (s.kind() == SignalKind.ACCOUNT_TRAITS) applyTraits(tx, accountId.get(), s, effects);
                effects.add(row.id(), seq, accountId.get(), s);
                if (s.kind() == SignalKind.ALERT_ACTION) presses.add(Map.entry(accountId.get(), s));
            }
        }
        // Signals only go to the accounts locked above (attach brings waiting signals to the account
        // being applied); a lock taken here would be out of id order.
        for (String id : effects.touched()) {
            if (!versions.containsKey(id)) throw new IllegalStateException("account " + id + " changed without its lock");
        }
        Map<String, List<Signal>> all = effects.store(tx, versions, staged);
        rescoring.rescore(tx, all, now);
        // A signal stamped ahead of now is left out of this score: its account is rescored when it comes due.
        due.add(tx, effects.stampedAfter(now));
        // Button presses after the rescores, so a Task names the owner as the account now stands.
        if (alerts != null) {
            for (Map.Entry<String, Signal> press : presses) {
                alerts.onAction(tx, directory.profile(tx, press.getKey()).orElseThrow(), press.getValue(), now);
            }
        }
        inbox.markDone(tx, rows, now);
    }

    private static String resolutionKey(Signal s) {
        return s.account() + "|" + (s.attribute("domain") == null ? "" : s.attribute("domain"));
    }

    private void applyTraits(Transaction tx, String accountId, Signal s, BatchEffects effects) {
        String name = s.attribute("name");
        if (name != null && !name.isBlank()) directory.rename(tx, accountId, name, s.occurredAt());
        String domain = s.attribute("domain");
        if (domain != null && !domain.isBlank()) attach(tx, accountId, AccountKey.domain(domain), effects);
        String salesforce = s.attribute("salesforceAccountId");
        if (salesforce != null && !salesforce.isBlank()) attach(tx, accountId, AccountKey.salesforce(salesforce), effects);
        String zendesk = s.attribute("zendeskOrganizationId");
        if (zendesk != null && !zendesk.isBlank()) attach(tx, accountId, AccountKey.zendesk(zendesk), effects);
        String zendeskExternal = s.attribute("zendeskExternalId");
        if (zendeskExternal != null && !zendeskExternal.isBlank()) {
            attach(tx, accountId, new AccountKey(AccountKey.KeyKind.ZENDESK_EXTERNAL, zendeskExternal), effects);
        }
        if (!s.user().isBlank()) attach(tx, accountId, AccountKey.productUser(s.user()), effects);
    }

    /** Gives the account a key, and brings it the signals that were waiting for that key. */
    private void attach(Transaction tx, String accountId, AccountKey key, BatchEffects effects) {
        if (!directory.attach(tx, accountId, key)) return;
        for (UnmatchedSignals.Waiting w : unmatched.claimFor(tx, key)) {
            effects.add(w.inboxId(), w.seq(), accountId, w.signal());
        }
    }
}
