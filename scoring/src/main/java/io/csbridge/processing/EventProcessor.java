package io.csbridge.processing;

import io.csbridge.alerts.AccountAlerts;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.store.Database;
import io.csbridge.store.OutboxStore;
import io.csbridge.store.ScoreBook;
import io.csbridge.store.SignalCodec;
import io.csbridge.store.SignalStore;

import io.csbridge.store.AccountDirectory;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountProfile;
import io.csbridge.store.UnmatchedSignals;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.scoring.AccountScorer;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Turns inbox events into effects: signals on accounts, fresh scores, and outbox writes. Each batch
 * is one transaction, so an event's effects are applied exactly once however often it is picked up
 * (at least once: a crash before commit leaves it NEW). Rows are claimed with SKIP LOCKED, so two
 * nodes on one database share the work; account rows are locked in id order before rescoring, so
 * concurrent batches never score an account from a partial view.
 */
public final class EventProcessor {

    private static final Logger LOG = Logger.getLogger(EventProcessor.class.getName());

    private record Row(long id, String signals) {
    }

    private final Database database;
    private final AccountDirectory directory;
    private final SignalStore signals;
    private final ScoreBook scores;
    private final UnmatchedSignals unmatched;
    private final OutboxStore outbox;
    private final Supplier<AccountScorer> scorer;
    private final Supplier<List<DeliveryChannel>> channels;
    private final Clock clock;
    private final int batchSize;
    private final AccountAlerts alerts;
    private final HistoryCache histories = new HistoryCache(HELD_SIGNALS);

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
        this.database = database;
        this.directory = new AccountDirectory(database);
        this.signals = new SignalStore(database.dialect());
        this.scores = new ScoreBook();
        this.unmatched = new UnmatchedSignals(database.dialect());
        this.outbox = new OutboxStore(database.dialect());
        this.scorer = scorer;
        this.channels = channels;
        this.clock = clock;
        this.batchSize = batchSize;
        this.alerts = alerts;
    }

    /** Processes one batch of new inbox events. @return how many were processed */
    public int processBatch() {
        try {
            return withTransientRetry(() -> {
                HistoryCache.Staged staged = histories.stage();
                int n = database.inTransaction(c -> {
                    List<Row> rows = claim(c, batchSize);
                    apply(c, rows, staged);
                    return rows.size();
                });
                staged.publish();
                return n;
            });
        } catch (RuntimeException batchFailure) {
            if (isTransient(batchFailure)) throw batchFailure;
            // Find the event that breaks the batch; process the rest, park that one as FAILED.
            LOG.warning(() -> "batch failed, retrying one by one: " + batchFailure.getMessage());
            int done = 0;
            for (int i = 0; i < batchSize; i++) {
                Integer one = processOne();
                if (one == null) break;
                done += one;
            }
            return done;
        }
    }

    private Integer processOne() {
        long[] failedId = {-1};
        try {
            HistoryCache.Staged staged = histories.stage();
            Integer n = database.inTransaction(c -> {
                List<Row> rows = claim(c, 1);
                if (rows.isEmpty()) return null;
                failedId[0] = rows.get(0).id();
                apply(c, rows, staged);
                return 1;
            });
            staged.publish();
            return n;
        } catch (RuntimeException e) {
            if (failedId[0] < 0 || isTransient(e)) throw e;
            markFailed(failedId[0], e);
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
                if (!isTransient(e) || attempt >= 5) throw e;
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(5, 50L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static boolean isTransient(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || sql.getSQLState().equals("HYT00")
                    || sql.getSQLState().equals("23505"))) {
                return true;
            }
        }
        return false;
    }

    private List<Row> claim(Connection c, int limit) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(database.dialect().claimFirst("id, signals", "inbox_event",
                "status = 'NEW'", "status, id", limit))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(new Row(rs.getLong(1), rs.getString(2)));
            }
        }
        return rows;
    }

    private void apply(Connection c, List<Row> rows, HistoryCache.Staged staged) throws SQLException {
        if (rows.isEmpty()) return;
        Instant now = clock.instant();
        Map<Long, List<Signal>> decodedRows = new HashMap<>();
        // Two nodes must take locks in the same order or they deadlock: accounts are resolved (and
        // created) in key order, then locked in id order, before any account row is changed.
        Map<String, Optional<String>> accountOf = new TreeMap<>();
        Map<String, Signal> firstWithKey = new HashMap<>();
        for (Row row : rows) {
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
                    ? Optional.of(directory.resolveOrCreate(c, s.account(), domain, s.occurredAt()))
                    : directory.match(c, s.account(), domain));
        }
        Map<String, Long> versions = new TreeMap<>();
        for (String id : new TreeSet<>(accountOf.values().stream().flatMap(Optional::stream).toList())) {
            versions.put(id, directory.lock(c, id));
        }
        Effects effects = new Effects();
        List<Map.Entry<String, Signal>> presses = new ArrayList<>();
        for (Row row : rows) {
            List<Signal> decoded = decodedRows.get(row.id());
            for (int seq = 0; seq < decoded.size(); seq++) {
                Signal s = decoded.get(seq);
                String domain = s.attribute("domain");
                Optional<String> accountId = accountOf.get(resolutionKey(s));
                if (accountId.isEmpty()) {
                    unmatched.park(c, row.id(), seq, s, domain);
                    continue;
                }
                if (s.kind() == SignalKind.ACCOUNT_TRAITS) applyTraits(c, accountId.get(), s, effects);
                effects.add(row.id(), seq, accountId.get(), s);
                if (s.kind() == SignalKind.ALERT_ACTION) presses.add(Map.entry(accountId.get(), s));
            }
        }
        // Signals only go to the accounts locked above (attach brings waiting signals to the account
        // being applied); a lock taken here would be out of id order.
        for (String id : effects.touched()) {
            if (!versions.containsKey(id)) throw new IllegalStateException("account " + id + " changed without its lock");
        }
        Map<String, List<Signal>> all = effects.store(c, versions, staged);
        rescore(c, all, now);
        // Button presses after the rescores, so a Task names the owner as the account now stands.
        if (alerts != null) {
            for (Map.Entry<String, Signal> press : presses) {
                alerts.onAction(c, directory.profile(c, press.getKey()).orElseThrow(), press.getValue(), now);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE inbox_event SET status = 'DONE', processed_at = ?, attempts = attempts + 1 WHERE id = ?")) {
            for (Row row : rows) {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setLong(2, row.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * The signals a batch applies, stored together before the touched accounts are rescored: one
     * batched insert, and one update per account (its earliest new event time, its new signal version).
     */
    private final class Effects {
        private final List<SignalStore.Effect> pending = new ArrayList<>();
        private final Map<String, Instant> earliest = new TreeMap<>();

        void add(long inboxId, int seq, String accountId, Signal s) {
            pending.add(new SignalStore.Effect(inboxId, seq, accountId, s));
            earliest.merge(accountId, s.occurredAt(), (a, b) -> a.isBefore(b) ? a : b);
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
        Map<String, List<Signal>> store(Connection c, Map<String, Long> versions, HistoryCache.Staged staged)
                throws SQLException {
            int[] counts = signals.addAll(c, pending);
            Map<String, Long> newVersions = directory.signalsAdded(c, earliest);
            Map<String, List<SignalStore.Effect>> added = new HashMap<>();
            Set<String> unsure = new HashSet<>();
            for (int i = 0; i < pending.size(); i++) {
                SignalStore.Effect e = pending.get(i);
                int count = i < counts.length ? counts[i] : Statement.EXECUTE_FAILED;
                if (count > 0) added.computeIfAbsent(e.accountId(), k -> new ArrayList<>()).add(e);
                else if (count != 0) unsure.add(e.accountId()); // the driver does not say whether it was new
            }
            Map<String, List<Signal>> all = new TreeMap<>();
            List<SignalStore.Effect> readBack = new ArrayList<>();
            List<String> toRead = new ArrayList<>();
            for (String id : touched()) {
                Optional<List<Signal>> held = unsure.contains(id) ? Optional.empty() : histories.at(id, versions.get(id));
                if (held.isPresent()) {
                    all.put(id, new ArrayList<>(held.get()));
                    readBack.addAll(added.getOrDefault(id, List.of()));
                } else {
                    toRead.add(id);
                }
            }
            signals.stored(c, readBack).forEach((id, fresh) -> all.get(id).addAll(fresh));
            all.putAll(signals.forAccounts(c, toRead, null));
            for (String id : touched()) {
                all.putIfAbsent(id, new ArrayList<>());
                staged.put(id, newVersions.get(id), all.get(id));
            }
            return all;
        }
    }

    private static String resolutionKey(Signal s) {
        return s.account() + "|" + (s.attribute("domain") == null ? "" : s.attribute("domain"));
    }

    private void applyTraits(Connection c, String accountId, Signal s, Effects effects) throws SQLException {
        String name = s.attribute("name");
        if (name != null && !name.isBlank()) directory.rename(c, accountId, name, s.occurredAt());
        String domain = s.attribute("domain");
        if (domain != null && !domain.isBlank()) attach(c, accountId, AccountKey.domain(domain), effects);
        String salesforce = s.attribute("salesforceAccountId");
        if (salesforce != null && !salesforce.isBlank()) attach(c, accountId, AccountKey.salesforce(salesforce), effects);
        String zendesk = s.attribute("zendeskOrganizationId");
        if (zendesk != null && !zendesk.isBlank()) attach(c, accountId, AccountKey.zendesk(zendesk), effects);
        String zendeskExternal = s.attribute("zendeskExternalId");
        if (zendeskExternal != null && !zendeskExternal.isBlank()) {
            attach(c, accountId, new AccountKey(AccountKey.KeyKind.ZENDESK_EXTERNAL, zendeskExternal), effects);
        }
        if (!s.user().isBlank()) attach(c, accountId, AccountKey.productUser(s.user()), effects);
    }

    /** Gives the account a key, and brings it the signals that were waiting for that key. */
    private void attach(Connection c, String accountId, AccountKey key, Effects effects) throws SQLException {
        if (!directory.attach(c, accountId, key)) return;
        for (UnmatchedSignals.Waiting w : unmatched.claimFor(c, key)) {
            effects.add(w.inboxId(), w.seq(), accountId, w.signal());
        }
    }

    /**
     * Scores the account as of {@code now} from its stored signals, queues writes whose values changed,
     * and (with alerts) runs the alert rules on the change from the previous score.
     */
    public AccountScore rescore(Connection c, String accountId, Instant now) throws SQLException {
        return rescore(c, List.of(accountId), now).get(accountId);
    }

    /**
     * {@link #rescore(Connection, String, Instant)} for several accounts, which the caller has locked,
     * each from all of its signals read from the database.
     *
     * @return the new scores by account id
     */
    public Map<String, AccountScore> rescore(Connection c, Collection<String> accountIds, Instant now) throws SQLException {
        Map<String, List<Signal>> all = new LinkedHashMap<>();
        Map<String, List<Signal>> read = signals.forAccounts(c, accountIds, now);
        for (String id : accountIds) all.put(id, read.getOrDefault(id, List.of()));
        return rescore(c, all, now);
    }

    /**
     * Scores each account as of {@code now} from its signals (those stamped after {@code now} are left
     * out here), saves the scores, runs the alert rules and queues changed writes. Profiles and previous
     * scores are read in a few queries for all the accounts and the scores saved in batched statements.
     *
     * @param signals every stored signal of each account to score, by account id
     */
    private Map<String, AccountScore> rescore(Connection c, Map<String, List<Signal>> signals, Instant now)
            throws SQLException {
        Map<String, AccountScore> out = new LinkedHashMap<>();
        if (signals.isEmpty()) return out;
        Set<String> accountIds = signals.keySet();
        Map<String, AccountProfile> profiles = directory.profiles(c, accountIds);
        Map<String, AccountScore> previous = alerts == null ? Map.of() : scores.latest(c, accountIds);
        AccountScorer current = scorer.get();
        List<ScoreBook.Scored> scored = new ArrayList<>();
        List<AccountAlerts.Rescored> rescored = new ArrayList<>();
        for (Map.Entry<String, List<Signal>> e : signals.entrySet()) {
            String accountId = e.getKey();
            AccountProfile profile = profiles.get(accountId);
            if (profile == null) throw new NoSuchElementException("no account " + accountId);
            List<Signal> upToNow = new ArrayList<>(e.getValue().size());
            for (Signal s : e.getValue()) if (!s.occurredAt().isAfter(now)) upToNow.add(s);
            AccountHistory history = new AccountHistory(profile, upToNow);
            AccountScore score = current.score(history, now);
            AccountSummary summary = current.summarize(history, now);
            scored.add(new ScoreBook.Scored(accountId, score, summary));
            rescored.add(new AccountAlerts.Rescored(profile, Optional.ofNullable(previous.get(accountId)), score, summary,
                    history));
            out.put(accountId, score);
        }
        scores.saveAll(c, scored);
        if (alerts != null) alerts.onRescores(c, rescored, now);
        List<DeliveryChannel> targets = channels.get();
        for (AccountAlerts.Rescored r : rescored) {
            for (DeliveryChannel channel : targets) {
                var target = channel.target(r.profile().keys());
                if (target.isPresent()) {
                    outbox.enqueueIfChanged(c, channel.name(), r.profile().id(), target.get(), channel.fields(r.score()), now);
                }
            }
        }
        return out;
    }

    private void markFailed(long inboxId, RuntimeException error) {
        LOG.severe(() -> "inbox event " + inboxId + " cannot be processed and is parked as FAILED: " + error);
        database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE inbox_event SET status = 'FAILED', "
                    + "attempts = attempts + 1, last_error = ? WHERE id = ?")) {
                String message = String.valueOf(error.getMessage());
                ps.setString(1, message.length() > 2000 ? message.substring(0, 2000) : message);
                ps.setLong(2, inboxId);
                return ps.executeUpdate();
            }
        });
    }
}
