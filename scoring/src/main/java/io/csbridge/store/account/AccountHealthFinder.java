package io.csbridge.store.account;

import io.csbridge.store.Database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.csbridge.domain.account.AccountHealth;
import io.csbridge.domain.account.HealthLookup;
import io.csbridge.domain.account.HealthLookup.Ambiguous;
import io.csbridge.domain.account.HealthLookup.Found;
import io.csbridge.domain.account.HealthLookup.NotFound;
import io.csbridge.json.Json;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.csbridge.domain.account.HealthLookup.MAX_CANDIDATES;

/**
 * Finds the account a person typed (after Slack's {@code /health}) and reads its current score, with plain
 * JDBC on the tables the processor writes ({@code account}, {@code account_key}, {@code account_score}),
 * on a read-only connection. Tried in order: a web domain, any key or account id, the exact name, then a
 * name containing the text.
 */
public final class AccountHealthFinder {

    private final DataSource dataSource;

    public AccountHealthFinder(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** @throws Database.DatabaseException when the database fails on the way */
    public HealthLookup find(String text) {
        String query = text == null ? "" : text.trim();
        if (query.isEmpty() || query.length() > 255) return new NotFound();
        try {
            return find(query, dataSource);
        } catch (SQLException e) {
            throw new Database.DatabaseException(e);
        }
    }

    private static HealthLookup find(String query, DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setReadOnly(true);
            Optional<String> id = byDomain(c, query).or(() -> byKey(c, query));
            if (id.isEmpty()) {
                List<String[]> named = byName(c, "SELECT id, name FROM account WHERE LOWER(name) = ? ORDER BY id",
                        query.toLowerCase(Locale.ROOT));
                if (named.isEmpty()) {
                    named = byName(c, "SELECT id, name FROM account WHERE LOWER(name) LIKE ? ESCAPE '!' ORDER BY name, id",
                            "%" + likeEscaped(query.toLowerCase(Locale.ROOT)) + "%");
                }
                if (named.size() > 1) {
                    return new Ambiguous(named.stream().map(r -> r[1]).limit(MAX_CANDIDATES).toList(), named.size() > MAX_CANDIDATES);
                }
                if (named.size() == 1) id = Optional.of(named.get(0)[0]);
            }
            if (id.isEmpty()) return new NotFound();
            return health(c, id.get()).<HealthLookup>map(Found::new).orElseGet(NotFound::new);
        }
    }

    private static Optional<String> byDomain(Connection c, String query) {
        String domain = domainOf(query);
        return domain == null ? Optional.empty()
                : single(c, "SELECT account_id FROM account_key WHERE kind = 'domain' AND key_value = ?", domain);
    }

    private static Optional<String> byKey(Connection c, String query) {
        return single(c, "SELECT account_id FROM account_key WHERE key_value = ? ORDER BY kind", query)
                .or(() -> single(c, "SELECT id FROM account WHERE id = ?", query));
    }

    private static Optional<String> single(Connection c, String sql, String value) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new Database.DatabaseException(e); // unchecked, so that it can leave a lambda
        }
    }

    private static List<String[]> byName(Connection c, String sql, String value) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            ps.setMaxRows(MAX_CANDIDATES + 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new String[]{rs.getString(1), rs.getString(2)});
            }
        }
        return out;
    }

    private static Optional<AccountHealth> health(Connection c, String accountId) throws SQLException {
        List<String> domains = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key_value FROM account_key WHERE account_id = ? AND kind = 'domain' ORDER BY key_value")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) domains.add(rs.getString(1));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id, a.name, s.health_score, s.band, s.churn_risk, "
                + "s.onboarding_completion, s.trend, s.drivers, s.as_of "
                + "FROM account a LEFT JOIN account_score s ON s.account_id = a.id WHERE a.id = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                String name = rs.getString(2);
                var asOf = rs.getTimestamp(9);
                return Optional.of(new AccountHealth(rs.getString(1), name == null || name.isBlank() ? rs.getString(1) : name,
                        domains, integer(rs, 3), rs.getString(4), integer(rs, 5), integer(rs, 6), integer(rs, 7),
                        drivers(rs.getString(8)), asOf == null ? null : asOf.toInstant()));
            }
        }
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** The stored drivers, largest effect first. Unreadable JSON shows as no drivers rather than no answer. */
    static List<AccountHealth.Driver> drivers(String json) {
        if (json == null || json.isBlank()) return List.of();
        List<AccountHealth.Driver> out = new ArrayList<>();
        try {
            for (JsonNode d : Json.MAPPER.readTree(json)) {
                out.add(new AccountHealth.Driver(d.path("measure").asText(""), d.path("value").asDouble(Double.NaN),
                        d.path("contribution").asDouble(0), d.path("explanation").asText("")));
            }
        } catch (JsonProcessingException e) {
            return List.of();
        }
        out.sort(Comparator.comparingDouble((AccountHealth.Driver d) -> -Math.abs(d.contribution())));
        return out;
    }

    /** {@code https://www.acme.com/x} and {@code acme.com} are {@code acme.com}; names are not domains. */
    static String domainOf(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        t = t.replaceFirst("^[a-z][a-z0-9+.-]*://", "");
        int slash = t.indexOf('/');
        if (slash >= 0) t = t.substring(0, slash);
        int at = t.lastIndexOf('@');
        if (at >= 0) t = t.substring(at + 1);
        if (t.startsWith("www.")) t = t.substring(4);
        return t.matches("[a-z0-9-]+(\\.[a-z0-9-]+)+") ? t : null;
    }

    private static String likeEscaped(String s) {
        return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
