package io.csbridge.store.account;

import io.csbridge.store.Transaction;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.account.AccountProfile;

import io.csbridge.store.Database;
import io.csbridge.store.Dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which account a key belongs to. Exact key first, then e-mail domain; an account is created on
 * first sight, its id being the key the first source gave it.
 */
public final class AccountDirectory {

    private final Dialect dialect;

    public AccountDirectory(Database database) {
        this.dialect = database.dialect();
    }

    /** The account that holds {@code key}, or else the one that holds {@code domainHint}; never creates one. */
    public Optional<String> match(Connection c, AccountKey key, String domainHint) throws SQLException {
        Optional<String> found = find(c, key);
        if (found.isPresent() || domainHint == null) return found;
        return find(c, AccountKey.domain(domainHint));
    }

    /** The account for {@code key}, created if no account has this key or its domain yet. */
    public String resolveOrCreate(Connection c, AccountKey key, String domainHint, Instant seenAt) throws SQLException {
        Optional<String> found = find(c, key);
        if (found.isPresent()) return found.get();
        if (domainHint != null && key.kind() != AccountKey.KeyKind.DOMAIN) {
            Optional<String> byDomain = find(c, AccountKey.domain(domainHint));
            if (byDomain.isPresent()) {
                attach(c, byDomain.get(), key);
                return find(c, key).orElseThrow();
            }
        }
        String id = freeId(c, key);
        if (!insertAccount(c, id, seenAt)) {
            // Taken meanwhile, possibly by this very key on another node: then attach finds its owner.
            if (find(c, key).isPresent()) return find(c, key).get();
            id = key.kind().label() + ":" + key.value();
            insertAccount(c, id, seenAt);
        }
        attach(c, id, key);
        // Another node may have attached the key first: the key's owner is the answer.
        return find(c, key).orElseThrow();
    }

    private boolean insertAccount(Connection c, String id, Instant seenAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoring("account",
                "id, name, created_at, first_seen", "id"))) {
            ps.setString(1, id);
            ps.setString(2, null);
            ps.setTimestamp(3, Timestamp.from(seenAt));
            ps.setTimestamp(4, Timestamp.from(seenAt));
            return ps.executeUpdate() > 0;
        }
    }

    public Optional<String> find(Connection c, AccountKey key) throws SQLException {
        if (key.kind() == AccountKey.KeyKind.ACCOUNT) return findById(c, key.value());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT account_id FROM account_key WHERE kind = ? AND key_value = ?")) {
            ps.setString(1, key.kind().label());
            ps.setString(2, key.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** The account with this id, following a merge to the account that absorbed it. */
    private Optional<String> findById(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM account WHERE id = ? "
                + "UNION SELECT account_id FROM account_alias WHERE alias_id = ?")) {
            ps.setString(1, id);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Gives the account another key, unless another account holds it already. */
    public boolean attach(Connection c, String accountId, AccountKey key) throws SQLException {
        if (key.kind() == AccountKey.KeyKind.ACCOUNT) return false;
        try (PreparedStatement ps = c.prepareStatement(dialect.insertIgnoring("account_key",
                "kind, key_value, account_id", "kind, key_value"))) {
            ps.setString(1, key.kind().label());
            ps.setString(2, key.value());
            ps.setString(3, accountId);
            return ps.executeUpdate() > 0;
        }
    }

    /** Names the account, unless a newer-stamped name is already there (a stale message never wins). */
    public void rename(Connection c, String accountId, String name, Instant stampedAt) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE account SET name = ?, name_at = ? WHERE id = ? AND (name_at IS NULL OR name_at <= ?)")) {
            ps.setString(1, name);
            ps.setTimestamp(2, Timestamp.from(stampedAt));
            ps.setString(3, accountId);
            ps.setTimestamp(4, Timestamp.from(stampedAt));
            ps.executeUpdate();
        }
    }

    /**
     * Notes that signals joined the account (stored, adopted or merged in): {@code first_seen} is kept at
     * the earliest event time seen, whatever the arrival order, and the account's signal version is
     * replaced by a new random one. Every change to an account's signals calls this in the same
     * transaction, which is what lets the processor trust a copy of the signals kept at a version.
     *
     * @return the new signal version
     */
    public long signalsAdded(Connection c, String accountId, Instant earliest) throws SQLException {
        return signalsAdded(c, Map.of(accountId, earliest)).get(accountId);
    }

    /** {@link #signalsAdded(Connection, String, Instant)} for several accounts, in one batched statement. */
    public Map<String, Long> signalsAdded(Connection c, Map<String, Instant> earliest) throws SQLException {
        Map<String, Long> versions = new java.util.LinkedHashMap<>();
        if (earliest.isEmpty()) return versions;
        try (PreparedStatement ps = c.prepareStatement("UPDATE account SET signal_version = ?, "
                + "first_seen = CASE WHEN first_seen > ? THEN ? ELSE first_seen END WHERE id = ?")) {
            for (Map.Entry<String, Instant> e : earliest.entrySet()) {
                long version = newVersion();
                versions.put(e.getKey(), version);
                ps.setLong(1, version);
                ps.setTimestamp(2, Timestamp.from(e.getValue()));
                ps.setTimestamp(3, Timestamp.from(e.getValue()));
                ps.setString(4, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return versions;
    }

    /** Random, so that no two changes (on any node, or to an account deleted and created again) share one. */
    private static long newVersion() {
        long v;
        do {
            v = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        } while (v == 0); // 0: an account whose signals never changed since the version was introduced
        return v;
    }

    /**
     * Locks the account row for the rest of the transaction (scores are recomputed one writer at a time).
     *
     * @return the account's signal version as the lock found it (see {@link #signalsAdded})
     */
    public long lock(Connection c, String accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT signal_version FROM account WHERE id = ? FOR UPDATE")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    public Optional<AccountProfile> profile(Connection c, String accountId) throws SQLException {
        String name;
        Instant firstSeen;
        try (PreparedStatement ps = c.prepareStatement("SELECT name, first_seen FROM account WHERE id = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                name = rs.getString(1);
                firstSeen = rs.getTimestamp(2).toInstant();
            }
        }
        return Optional.of(new AccountProfile(accountId, name == null ? accountId : name, keys(c, accountId), firstSeen));
    }

    /** The profiles of the accounts that exist among {@code accountIds}, in two queries whatever their number. */
    public Map<String, AccountProfile> profiles(Connection c, Collection<String> accountIds) throws SQLException {
        Map<String, AccountProfile> out = new HashMap<>();
        if (accountIds.isEmpty()) return out;
        java.sql.Array ids = c.createArrayOf("VARCHAR", accountIds.toArray());
        Map<String, List<AccountKey>> keys = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT account_id, kind, key_value FROM account_key "
                + "WHERE account_id = ANY(?) ORDER BY account_id, kind, key_value")) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new AccountKey(AccountKey.KeyKind.valueOf(rs.getString(2).toUpperCase()), rs.getString(3)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, first_seen FROM account WHERE id = ANY(?)")) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    String name = rs.getString(2);
                    out.put(id, new AccountProfile(id, name == null ? id : name,
                            new AccountKeys(keys.getOrDefault(id, List.of())), rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return out;
    }

    public AccountKeys keys(Connection c, String accountId) throws SQLException {
        List<AccountKey> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, key_value FROM account_key WHERE account_id = ? ORDER BY kind, key_value")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(new AccountKey(AccountKey.KeyKind.valueOf(rs.getString(1).toUpperCase()), rs.getString(2)));
                }
            }
        }
        return new AccountKeys(keys);
    }

    private String freeId(Connection c, AccountKey key) throws SQLException {
        String candidate = key.value();
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM account WHERE id = ?")) {
            ps.setString(1, candidate);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return candidate;
            }
        }
        return key.kind().label() + ":" + key.value();
    }

    // The same operations on a stage's transaction.

    public Optional<String> match(Transaction tx, AccountKey key, String domainHint) {
        return tx.sql(c -> match(c, key, domainHint));
    }

    public String resolveOrCreate(Transaction tx, AccountKey key, String domainHint, Instant seenAt) {
        return tx.sql(c -> resolveOrCreate(c, key, domainHint, seenAt));
    }

    public boolean attach(Transaction tx, String accountId, AccountKey key) {
        return tx.sql(c -> attach(c, accountId, key));
    }

    public void rename(Transaction tx, String accountId, String name, Instant stampedAt) {
        tx.sql(c -> {
            rename(c, accountId, name, stampedAt);
            return null;
        });
    }

    public Map<String, Long> signalsAdded(Transaction tx, Map<String, Instant> earliest) {
        return tx.sql(c -> signalsAdded(c, earliest));
    }

    public long lock(Transaction tx, String accountId) {
        return tx.sql(c -> lock(c, accountId));
    }

    public Optional<AccountProfile> profile(Transaction tx, String accountId) {
        return tx.sql(c -> profile(c, accountId));
    }

    public Map<String, AccountProfile> profiles(Transaction tx, Collection<String> accountIds) {
        return tx.sql(c -> profiles(c, accountIds));
    }

    /** Every account's id, in the database's order. */
    public List<String> allIds(Transaction tx) {
        return tx.sql(c -> {
            List<String> out = new java.util.ArrayList<>();
            try (var ps = c.prepareStatement("SELECT id FROM account ORDER BY id"); var rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }
}
