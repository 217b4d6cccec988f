package io.csbridge.store.account;

import io.csbridge.store.Database;
import io.csbridge.store.Transaction;

import io.csbridge.store.settings.AuditLog;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountProfile;

import io.csbridge.domain.signal.Signal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The review queue: keys that signals arrived with but no account holds. An administrator links a
 * key to an account or creates an account for it; the waiting signals then join that account. Two
 * accounts that are really one can be merged without losing any history.
 */
public final class IdentityReview {

    /** A key waiting for an account, with how much is waiting behind it. */
    public record Unmatched(String kind, String value, String domain, long signals, Instant firstSeen, Instant lastSeen) {
    }

    private final Database database;
    private final AccountRescorer processor;
    private final Clock clock;
    private final AccountDirectory directory;
    private final UnmatchedSignals unmatched;
    private final AuditLog audit = new AuditLog();

    /** @param processor rescores the accounts an operation changed (the event processor) */
    public IdentityReview(Database database, AccountRescorer processor, Clock clock) {
        this.database = database;
        this.processor = processor;
        this.clock = clock;
        this.directory = new AccountDirectory(database);
        this.unmatched = new UnmatchedSignals(database.dialect());
    }

    public List<Unmatched> unmatched(int limit) {
        return database.inTransaction(c -> {
            List<Unmatched> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT key_kind, key_value, MAX(domain), COUNT(*), "
                    + "MIN(occurred_at), MAX(occurred_at) FROM unmatched_signal GROUP BY key_kind, key_value "
                    + "ORDER BY COUNT(*) DESC, key_value FETCH FIRST " + limit + " ROWS ONLY");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Unmatched(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()));
                }
            }
            return out;
        });
    }

    /** Ties {@code key} to an existing account; its waiting signals join the account, which is rescored. */
    public int link(AccountKey key, String accountId, String actor) {
        return database.inTransaction(c -> {
            if (directory.profile(c, accountId).isEmpty()) throw new IllegalArgumentException("no account '" + accountId + "'");
            directory.find(c, key).ifPresent(owner -> {
                throw new IllegalArgumentException(key + " already belongs to account '" + owner + "'");
            });
            directory.lock(c, accountId);
            directory.attach(c, accountId, key);
            int moved = adopt(c, key, accountId);
            processor.rescore(new Transaction(c), accountId, clock.instant());
            audit.record(c, clock.instant(), actor, "identity.link", accountId, null, key + " (" + moved + " signals)");
            return moved;
        });
    }

    /** Creates an account for {@code key} (its id is the key's value) and gives it the waiting signals. */
    public String create(AccountKey key, String name, String actor) {
        return database.inTransaction(c -> {
            directory.find(c, key).ifPresent(owner -> {
                throw new IllegalArgumentException(key + " already belongs to account '" + owner + "'");
            });
            AccountKey creating = key.createsAccounts() ? key : new AccountKey(AccountKey.KeyKind.PRODUCT, key.value());
            String id = directory.resolveOrCreate(c, creating, null, clock.instant());
            if (!creating.equals(key)) directory.attach(c, id, key);
            if (name != null && !name.isBlank()) directory.rename(c, id, name, clock.instant());
            adopt(c, key, id);
            processor.rescore(new Transaction(c), id, clock.instant());
            audit.record(c, clock.instant(), actor, "identity.create", id, null, key.toString());
            return id;
        });
    }

    /**
     * Merges {@code fromId} into {@code intoId}: keys, signals and score history move; the old id
     * stays resolvable as an alias. The merged account is rescored from all the signals together.
     */
    public void merge(String intoId, String fromId, String actor) {
        if (intoId.equals(fromId)) throw new IllegalArgumentException("an account cannot be merged into itself");
        database.inTransaction(c -> {
            if (directory.profile(c, intoId).isEmpty()) throw new IllegalArgumentException("no account '" + intoId + "'");
            AccountProfile from = directory.profile(c, fromId)
                    .orElseThrow(() -> new IllegalArgumentException("no account '" + fromId + "'"));
            for (String id : new TreeSet<>(List.of(intoId, fromId))) directory.lock(c, id);
            update(c, "UPDATE account_key SET account_id = ? WHERE account_id = ?", intoId, fromId);
            update(c, "UPDATE signal SET account_id = ? WHERE account_id = ?", intoId, fromId);
            update(c, "DELETE FROM score_history WHERE account_id = ? AND score_day IN "
                    + "(SELECT score_day FROM score_history WHERE account_id = ?)", fromId, intoId);
            update(c, "UPDATE score_history SET account_id = ? WHERE account_id = ?", intoId, fromId);
            update(c, "DELETE FROM account_score WHERE account_id = ?", fromId);
            update(c, "DELETE FROM written_value WHERE account_id = ?", fromId);
            update(c, "UPDATE account_alias SET account_id = ? WHERE account_id = ?", intoId, fromId);
            directory.signalsAdded(c, intoId, from.createdAt());
            update(c, "DELETE FROM account WHERE id = ?", fromId);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO account_alias (alias_id, account_id, merged_at) VALUES (?,?,?)")) {
                ps.setString(1, fromId);
                ps.setString(2, intoId);
                ps.setTimestamp(3, Timestamp.from(clock.instant()));
                ps.executeUpdate();
            }
            processor.rescore(new Transaction(c), intoId, clock.instant());
            audit.record(c, clock.instant(), actor, "account.merge", intoId, fromId + " " + from.keys().asContractMap(),
                    "merged into " + intoId);
            return null;
        });
    }

    private int adopt(Connection c, AccountKey key, String accountId) throws SQLException {
        List<UnmatchedSignals.Waiting> waiting = unmatched.claimFor(c, key);
        io.csbridge.store.account.SignalStore signals = new io.csbridge.store.account.SignalStore(database.dialect());
        for (UnmatchedSignals.Waiting w : waiting) {
            Signal s = w.signal();
            signals.add(c, w.inboxId(), w.seq(), accountId, s);
            directory.signalsAdded(c, accountId, s.occurredAt());
        }
        return waiting.size();
    }

    private static void update(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            ps.executeUpdate();
        }
    }
}
