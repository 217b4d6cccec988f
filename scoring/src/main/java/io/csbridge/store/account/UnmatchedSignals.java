package io.csbridge.store.account;

import io.csbridge.store.Transaction;

import io.csbridge.domain.account.AccountKey;

import io.csbridge.store.Dialect;
import io.csbridge.store.account.SignalCodec;
import io.csbridge.domain.signal.Signal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** The review queue's storage: signals waiting for their account to be known. */
public final class UnmatchedSignals {

    /** A waiting signal, with the inbox position that makes its effect unique. */
    public record Waiting(long inboxId, int seq, Signal signal) {
    }

    private final String insert;

    public UnmatchedSignals(Dialect dialect) {
        this.insert = dialect.insertIgnoring("unmatched_signal",
                "inbox_id, seq, key_kind, key_value, domain, signal, occurred_at", "inbox_id, seq");
    }

    public void park(Connection c, long inboxId, int seq, Signal s, String domain) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setLong(1, inboxId);
            ps.setInt(2, seq);
            ps.setString(3, s.account().kind().label());
            ps.setString(4, s.account().value());
            ps.setString(5, domain);
            ps.setString(6, SignalCodec.encode(List.of(s)));
            ps.setTimestamp(7, Timestamp.from(s.occurredAt()));
            ps.executeUpdate();
        }
    }

    /** Removes and returns the signals waiting for {@code key} (or, for a domain key, for that domain). */
    public List<Waiting> claimFor(Connection c, AccountKey key) throws SQLException {
        String where = key.kind() == AccountKey.KeyKind.DOMAIN ? "domain = ?" : "key_kind = ? AND key_value = ?";
        List<Waiting> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT inbox_id, seq, signal FROM unmatched_signal WHERE " + where + " ORDER BY occurred_at")) {
            bind(ps, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Waiting(rs.getLong(1), rs.getInt(2), SignalCodec.decode(rs.getString(3)).get(0)));
            }
        }
        if (!out.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM unmatched_signal WHERE " + where)) {
                bind(ps, key);
                ps.executeUpdate();
            }
        }
        return out;
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM unmatched_signal");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void bind(PreparedStatement ps, AccountKey key) throws SQLException {
        if (key.kind() == AccountKey.KeyKind.DOMAIN) {
            ps.setString(1, key.value());
        } else {
            ps.setString(1, key.kind().label());
            ps.setString(2, key.value());
        }
    }

    // The same operations on a stage's transaction.

    public void park(Transaction tx, long inboxId, int seq, Signal s, String domain) {
        tx.sql(c -> {
            park(c, inboxId, seq, s, domain);
            return null;
        });
    }

    public List<Waiting> claimFor(Transaction tx, AccountKey key) {
        return tx.sql(c -> claimFor(c, key));
    }
}
