package io.csbridge.store.account;

import io.csbridge.store.Dialect;
import io.csbridge.store.Transaction;

import io.csbridge.json.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The signals applied to each account: the facts every score is computed from. */
public final class SignalStore {

    private final String insert;

    public SignalStore(Dialect dialect) {
        this.insert = dialect.insertIgnoring("signal",
                "inbox_id, seq, account_id, kind, occurred_at, name, user_ref, num_value, attributes", "inbox_id, seq");
    }

    /** A signal as one inbox event's effect on one account: position {@code seq} of inbox row {@code inboxId}. */
    public record Effect(long inboxId, int seq, String accountId, Signal signal) {
    }

    /**
     * The caller notes the change on the account ({@code AccountDirectory.signalsAdded}).
     *
     * @return whether the signal was new (an inbox event's effects are applied once)
     */
    public boolean add(Connection c, long inboxId, int seq, String accountId, Signal s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            bind(ps, new Effect(inboxId, seq, accountId, s));
            return ps.executeUpdate() > 0;
        }
    }

    /**
     * Stores the effects in one batched statement; one already stored (same inbox row and position) is
     * left as it is. The caller notes the change on each account ({@code AccountDirectory.signalsAdded}).
     *
     * @return per effect, 1 if it was stored now, 0 if it was there already, or what else the driver said
     *         ({@link java.sql.Statement#SUCCESS_NO_INFO}: it does not know)
     */
    public int[] addAll(Connection c, List<Effect> effects) throws SQLException {
        if (effects.isEmpty()) return new int[0];
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (Effect e : effects) {
                bind(ps, e);
                ps.addBatch();
            }
            return ps.executeBatch();
        }
    }

    private static void bind(PreparedStatement ps, Effect e) throws SQLException {
        Signal s = e.signal();
        ps.setLong(1, e.inboxId());
        ps.setInt(2, e.seq());
        ps.setString(3, e.accountId());
        ps.setString(4, s.kind().name());
        ps.setTimestamp(5, Timestamp.from(s.occurredAt()));
        ps.setString(6, truncate(s.name(), 500));
        ps.setString(7, truncate(s.user(), 255));
        if (s.hasValue()) ps.setDouble(8, s.value()); else ps.setNull(8, Types.DOUBLE);
        ps.setString(9, Json.write(s.attributes()));
    }

    /** Every signal of the account stamped at or before {@code asOf}. */
    public List<Signal> forAccount(Connection c, String accountId, Instant asOf) throws SQLException {
        return forAccounts(c, List.of(accountId), asOf).getOrDefault(accountId, List.of());
    }

    /**
     * Every signal of each account stamped at or before {@code asOf} ({@code null}: whatever the time),
     * by account; accounts without signals are absent. One statement, run once per account: reading
     * each account along its index is cheaper than one query for all of them, which both databases
     * answer by sorting every row (and H2 by comparing each row with the whole list of accounts).
     */
    public Map<String, List<Signal>> forAccounts(Connection c, Collection<String> accountIds, Instant asOf)
            throws SQLException {
        Map<String, List<Signal>> out = new HashMap<>();
        if (accountIds.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, occurred_at, name, user_ref, num_value, attributes "
                + "FROM signal WHERE account_id = ?" + (asOf == null ? "" : " AND occurred_at <= ?") + " ORDER BY occurred_at, id")) {
            for (String accountId : accountIds) {
                ps.setString(1, accountId);
                if (asOf != null) ps.setTimestamp(2, Timestamp.from(asOf));
                AccountKey key = AccountKey.product(accountId);
                List<Signal> signals = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) signals.add(read(rs, 1, key));
                }
                if (!signals.isEmpty()) out.put(accountId, signals);
            }
        }
        return out;
    }

    /** The stored form of the given effects (as {@link #forAccounts} reads them back), by account. */
    public Map<String, List<Signal>> stored(Connection c, Collection<Effect> effects) throws SQLException {
        Map<String, List<Signal>> out = new HashMap<>();
        if (effects.isEmpty()) return out;
        Set<String> wanted = new HashSet<>();
        Set<Long> inboxIds = new TreeSet<>();
        for (Effect e : effects) {
            wanted.add(e.inboxId() + "/" + e.seq() + "/" + e.accountId());
            inboxIds.add(e.inboxId());
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT inbox_id, seq, account_id, kind, occurred_at, name, user_ref, "
                + "num_value, attributes FROM signal WHERE inbox_id = ?")) {
            for (long inboxId : inboxIds) {
                ps.setLong(1, inboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String accountId = rs.getString(3);
                        if (!wanted.contains(rs.getLong(1) + "/" + rs.getInt(2) + "/" + accountId)) continue;
                        out.computeIfAbsent(accountId, k -> new ArrayList<>()).add(read(rs, 4, AccountKey.product(accountId)));
                    }
                }
            }
        }
        return out;
    }

    /** The signal in the columns kind, occurred_at, name, user_ref, num_value, attributes starting at {@code from}. */
    private static Signal read(ResultSet rs, int from, AccountKey key) throws SQLException {
        double value = rs.getDouble(from + 4);
        if (rs.wasNull()) value = Double.NaN;
        return new Signal(key, SignalKind.valueOf(rs.getString(from)), rs.getTimestamp(from + 1).toInstant(),
                text(rs.getString(from + 2)), text(rs.getString(from + 3)), value, attributes(rs.getString(from + 5)));
    }

    /** Event names and users repeat across an account's signals; one copy of each is kept while any is in use. */
    private static String text(String s) {
        return s == null ? null : s.intern();
    }

    /**
     * Parsed attribute maps by their stored text. Most signals repeat a few attribute sets, and a stored
     * signal is read again at every rescore of its account; parsing is pure, so a parsed map can be shared.
     */
    private static final Map<String, Map<String, String>> PARSED = new ConcurrentHashMap<>();
    private static final int PARSED_LIMIT = 4096;

    @SuppressWarnings("unchecked")
    static Map<String, String> attributes(String json) {
        Map<String, String> parsed = PARSED.get(json);
        if (parsed != null) return parsed;
        try {
            parsed = Map.copyOf(Json.MAPPER.readValue(json, LinkedHashMap.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored signal attributes are not JSON", e);
        }
        if (PARSED.size() >= PARSED_LIMIT) PARSED.clear();
        PARSED.put(json, parsed);
        return parsed;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    // The same operations on a stage's transaction.

    /**
     * {@link #addAll(Connection, List)}: for each effect, whether its signal was new (1), already there (0), or
     * the driver did not say (-1).
     */
    public int[] addAll(Transaction tx, List<Effect> effects) {
        return tx.sql(c -> {
            int[] counts = addAll(c, effects);
            int[] out = new int[effects.size()];
            for (int i = 0; i < out.length; i++) {
                int count = i < counts.length ? counts[i] : java.sql.Statement.EXECUTE_FAILED;
                out[i] = count > 0 ? 1 : count == 0 ? 0 : -1;
            }
            return out;
        });
    }

    public Map<String, List<Signal>> forAccounts(Transaction tx, Collection<String> accountIds, Instant asOf) {
        return tx.sql(c -> forAccounts(c, accountIds, asOf));
    }

    public Map<String, List<Signal>> stored(Transaction tx, Collection<Effect> effects) {
        return tx.sql(c -> stored(c, effects));
    }
}
