package io.csbridge.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.csbridge.account.AccountKey;
import io.csbridge.signal.Signal;
import io.csbridge.signal.SignalKind;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** @return whether the signal was new (an inbox event's effects are applied once) */
    public boolean add(Connection c, long inboxId, int seq, String accountId, Signal s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            bind(ps, new Effect(inboxId, seq, accountId, s));
            return ps.executeUpdate() > 0;
        }
    }

    /** Stores the effects in one batched statement; one already stored (same inbox row and position) is left as it is. */
    public void addAll(Connection c, List<Effect> effects) throws SQLException {
        if (effects.isEmpty()) return;
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (Effect e : effects) {
                bind(ps, e);
                ps.addBatch();
            }
            ps.executeBatch();
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
     * Every signal of each account stamped at or before {@code asOf}, in one query (accounts without
     * signals are absent). The time is compared here rather than in SQL: H2 reads the whole index when
     * a list of accounts is combined with a time range.
     */
    public Map<String, List<Signal>> forAccounts(Connection c, Collection<String> accountIds, Instant asOf)
            throws SQLException {
        Map<String, List<Signal>> out = new HashMap<>();
        if (accountIds.isEmpty()) return out;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT account_id, kind, occurred_at, name, user_ref, num_value, attributes FROM signal "
                        + "WHERE account_id = ANY(?) ORDER BY account_id, occurred_at, id")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", accountIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = rs.getTimestamp(3).toInstant();
                    if (at.isAfter(asOf)) continue;
                    String accountId = rs.getString(1);
                    double value = rs.getDouble(6);
                    if (rs.wasNull()) value = Double.NaN;
                    out.computeIfAbsent(accountId, k -> new ArrayList<>()).add(new Signal(AccountKey.product(accountId),
                            SignalKind.valueOf(rs.getString(2)), at, rs.getString(4), rs.getString(5), value,
                            attributes(rs.getString(7))));
                }
            }
        }
        return out;
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
}
