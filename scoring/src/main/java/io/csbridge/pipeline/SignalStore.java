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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The signals applied to each account: the facts every score is computed from. */
public final class SignalStore {

    private final String insert;

    public SignalStore(Dialect dialect) {
        this.insert = dialect.insertIgnoring("signal",
                "inbox_id, seq, account_id, kind, occurred_at, name, user_ref, num_value, attributes", "inbox_id, seq");
    }

    /** @return whether the signal was new (an inbox event's effects are applied once) */
    public boolean add(Connection c, long inboxId, int seq, String accountId, Signal s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setLong(1, inboxId);
            ps.setInt(2, seq);
            ps.setString(3, accountId);
            ps.setString(4, s.kind().name());
            ps.setTimestamp(5, Timestamp.from(s.occurredAt()));
            ps.setString(6, truncate(s.name(), 500));
            ps.setString(7, truncate(s.user(), 255));
            if (s.hasValue()) ps.setDouble(8, s.value()); else ps.setNull(8, Types.DOUBLE);
            ps.setString(9, Json.write(s.attributes()));
            return ps.executeUpdate() > 0;
        }
    }

    /** Every signal of the account stamped at or before {@code asOf}. */
    public List<Signal> forAccount(Connection c, String accountId, Instant asOf) throws SQLException {
        List<Signal> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT kind, occurred_at, name, user_ref, num_value, attributes FROM signal "
                        + "WHERE account_id = ? AND occurred_at <= ? ORDER BY occurred_at, id")) {
            ps.setString(1, accountId);
            ps.setTimestamp(2, Timestamp.from(asOf));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs, accountId));
            }
        }
        return out;
    }

    static Signal read(ResultSet rs, String accountId) throws SQLException {
        double value = rs.getDouble(5);
        if (rs.wasNull()) value = Double.NaN;
        return new Signal(AccountKey.product(accountId), SignalKind.valueOf(rs.getString(1)),
                rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4), value, attributes(rs.getString(6)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> attributes(String json) {
        try {
            return Json.MAPPER.readValue(json, LinkedHashMap.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored signal attributes are not JSON", e);
        }
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
