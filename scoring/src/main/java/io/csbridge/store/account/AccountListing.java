package io.csbridge.store.account;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;
import io.csbridge.domain.scoring.AccountView;
import io.csbridge.json.Json;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The accounts list in SQL: filtered, ordered and cut to one page by the database on the stored,
 * indexed current scores ({@code account_score}, V14), so a page costs the same at 100 accounts and
 * at 100,000. Only the page's accounts are then read in full (three queries whatever the page size).
 * Orders and ties are those the list always had: {@code id}; {@code name} case-insensitive;
 * {@code health}, {@code risk}, {@code arr} with unscored accounts first; {@code atRisk} (ARR x risk)
 * largest first; ties by id; "-" reverses the whole order.
 */
final class AccountListing {

    /** The page's ids in order, and how many accounts matched. */
    record Ids(List<String> ids, int total) {
    }

    private AccountListing() {
    }

    /** Whether the filter or order needs the accounts' scores (not only who they are). */
    static boolean needsScores(AccountCatalog.Filter f) {
        String key = sortKey(f.sort());
        return given(f.segment()) || given(f.band()) || given(f.owner()) || given(f.onboardingState())
                || !(key.equals("id") || key.equals("name"));
    }

    /**
     * The page of account ids matching {@code f}. With {@code firstSeenBy} only accounts first seen by
     * then (an as-of list), and the filter must not need scores. Each case runs on an index: the
     * account ids (orders by id or name), or the stored scores (filters on them, orders by them: scored
     * accounts from the score's index, the few never scored before them in ascending orders, after them
     * otherwise). A search ({@code q}) finds the ids whose id, name or key value contains it (on PostgreSQL
     * from trigram indexes, V18), then orders and pages them.
     */
    static Ids page(Connection c, AccountCatalog.Filter f, Instant firstSeenBy, int limit, int offset) throws SQLException {
        String key = sortKey(f.sort());
        boolean byScore = !(key.equals("id") || key.equals("name"));
        boolean scoreFilter = given(f.segment()) || given(f.band()) || given(f.owner()) || given(f.onboardingState());
        if (given(f.query()) || firstSeenBy != null || !(byScore || scoreFilter)) return joined(c, f, firstSeenBy, limit, offset);
        boolean reverse = f.sort() != null && f.sort().startsWith("-");
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        if (given(f.band())) {
            where.append(" AND s.band = ?");
            params.add(bandLabel(f.band()));
        }
        if (given(f.onboardingState())) {
            where.append(" AND s.onboarding_state = ?");
            params.add(f.onboardingState().trim().toLowerCase(Locale.ROOT));
        }
        // As given or in lower case (labels and e-mail owners are), so the indexes on them apply.
        asGivenOrLower(where, params, "s.segment", f.segment());
        asGivenOrLower(where, params, "s.owner", f.owner());
        int scored = count(c, "SELECT COUNT(*) FROM account_score s" + where, params);
        int unscored = scoreFilter ? 0 : Math.max(0, count(c, "SELECT COUNT(*) FROM account", List.of()) - scored);
        String order = switch (key) {
            case "id" -> "s.account_id" + (reverse ? " DESC" : " ASC");
            case "name" -> null;
            default -> scoreOrder(key, reverse);
        };
        if (order == null) return joined(c, f, null, limit, offset); // a score filter ordered by name
        // Never-scored accounts come first in ascending orders by a score (as if below every score), last otherwise.
        boolean unscoredFirst = !key.equals("id") && (key.equals("atRisk") == reverse);
        List<String> ids = new ArrayList<>();
        if (unscoredFirst) {
            ids.addAll(unscored(c, unscored, reverse, offset, limit));
            ids.addAll(scoredPage(c, where, params, order, limit - ids.size(), Math.max(0, offset - unscored)));
        } else {
            ids.addAll(scoredPage(c, where, params, order, limit, offset));
            ids.addAll(unscored(c, unscored, reverse, Math.max(0, offset - scored), limit - ids.size()));
        }
        return new Ids(ids, scored + unscored);
    }

    private static String scoreOrder(String key, boolean reverse) {
        String dir = reverse ? " DESC" : " ASC";
        return switch (key) {
            case "health" -> "s.health_score" + dir + ", s.account_id" + dir;
            case "risk" -> "s.churn_risk" + dir + ", s.account_id" + dir;
            case "arr" -> "s.arr" + (reverse ? " DESC NULLS LAST" : " ASC NULLS FIRST") + ", s.account_id" + dir;
            default -> "s.at_risk" + (reverse ? " ASC" : " DESC") + ", s.account_id" + dir; // atRisk: largest first
        };
    }

    private static List<String> scoredPage(Connection c, StringBuilder where, List<Object> params, String order, int limit,
                                           int offset) throws SQLException {
        List<String> ids = new ArrayList<>();
        if (limit <= 0) return ids;
        try (PreparedStatement ps = c.prepareStatement("SELECT s.account_id FROM account_score s" + where + " ORDER BY " + order
                + " LIMIT ? OFFSET ?")) {
            bind(ps, params);
            ps.setInt(params.size() + 1, limit);
            ps.setInt(params.size() + 2, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** Accounts never scored, by id (descending when the order is reversed). */
    private static List<String> unscored(Connection c, int count, boolean reverse, int offset, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        if (count == 0 || limit <= 0 || offset >= count) return ids;
        try (PreparedStatement ps = c.prepareStatement("SELECT a.id FROM account a WHERE NOT EXISTS (SELECT 1 FROM account_score s "
                + "WHERE s.account_id = a.id) ORDER BY a.id" + (reverse ? " DESC" : " ASC") + " LIMIT ? OFFSET ?")) {
            ps.setInt(1, limit);
            ps.setInt(2, offset);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private static int count(Connection c, String sql, List<Object> params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void asGivenOrLower(StringBuilder where, List<Object> params, String column, String wanted) {
        if (!given(wanted)) return;
        String value = wanted.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (value.equals(lower)) {
            where.append(" AND ").append(column).append(" = ?"); // one value: the index gives the order too
            params.add(value);
            return;
        }
        where.append(" AND ").append(column).append(" IN (?, ?)");
        params.add(value);
        params.add(lower);
    }

    /** A band as stored ("Green"), whatever its case; an unknown band matches nothing. */
    private static String bandLabel(String band) {
        try {
            return Band.fromLabel(band.trim()).label();
        } catch (IllegalArgumentException unknown) {
            return band.trim();
        }
    }

    /** Accounts joined with their scores: searches, as-of lists, and orders by id or name. */
    private static Ids joined(Connection c, AccountCatalog.Filter f, Instant firstSeenBy, int limit, int offset) throws SQLException {
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        if (firstSeenBy != null) {
            where.append(" AND a.first_seen <= ?");
            params.add(Timestamp.from(firstSeenBy));
        }
        equal(where, params, "s.segment", f.segment());
        equal(where, params, "s.band", f.band());
        equal(where, params, "s.owner", f.owner());
        equal(where, params, "s.onboarding_state", f.onboardingState());
        if (given(f.query())) AccountSearch.restrict(where, params, f.query());
        String from = " FROM account a LEFT JOIN account_score s ON s.account_id = a.id";
        int total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + from + where)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getInt(1);
            }
        }
        List<String> ids = new ArrayList<>();
        if (total > offset) {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.id" + from + where + " ORDER BY " + order(f.sort())
                    + " LIMIT ? OFFSET ?")) {
                bind(ps, params);
                ps.setInt(params.size() + 1, limit);
                ps.setInt(params.size() + 2, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getString(1));
                }
            }
        }
        return new Ids(ids, total);
    }

    /** The stored views of {@code ids}, in their order. */
    static List<AccountView> views(Connection c, AccountDirectory directory, List<String> ids) throws SQLException {
        Map<String, AccountProfile> profiles = directory.profiles(c, ids);
        Map<String, AccountScore> scores = new HashMap<>();
        Map<String, AccountSummary> summaries = new HashMap<>();
        if (!ids.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id, health_score, band, churn_risk, "
                    + "onboarding_completion, segment, trend, drivers, as_of, summary FROM account_score WHERE account_id = ANY(?)")) {
                ps.setArray(1, c.createArrayOf("VARCHAR", ids.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int trend = rs.getInt(7);
                        Integer trendOrNull = rs.wasNull() ? null : trend;
                        scores.put(rs.getString(1), new AccountScore(rs.getInt(2), Band.fromLabel(rs.getString(3)), rs.getInt(4),
                                rs.getInt(5), rs.getString(6), trendOrNull, drivers(rs.getString(8)), List.of(),
                                rs.getTimestamp(9).toInstant()));
                        summaries.put(rs.getString(1), summary(rs.getString(10)));
                    }
                }
            }
        }
        List<AccountView> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            AccountProfile profile = profiles.get(id);
            if (profile != null) out.add(AccountView.of(profile, scores.get(id), summaries.getOrDefault(id, AccountSummary.UNKNOWN)));
        }
        return out;
    }

    private static String order(String sort) {
        String key = sortKey(sort);
        boolean reverse = sort != null && sort.startsWith("-");
        String id = "a.id" + (reverse ? " DESC" : " ASC");
        String column = switch (key) {
            case "name" -> "LOWER(COALESCE(a.name, a.id))" + (reverse ? " DESC" : " ASC");
            case "health" -> "s.health_score" + nullsFirst(reverse);
            case "risk" -> "s.churn_risk" + nullsFirst(reverse);
            case "arr" -> "s.arr" + nullsFirst(reverse);
            case "atRisk" -> "s.at_risk" + (reverse ? " ASC NULLS FIRST" : " DESC NULLS LAST");
            default -> null;
        };
        return column == null ? id : column + ", " + id;
    }

    /** Ascending with unscored first, as the list always sorted them; reversed, descending with them last. */
    private static String nullsFirst(boolean reverse) {
        return reverse ? " DESC NULLS LAST" : " ASC NULLS FIRST";
    }

    private static String sortKey(String sort) {
        if (sort == null || sort.isBlank()) return "id";
        return sort.startsWith("-") ? sort.substring(1) : sort;
    }

    private static void equal(StringBuilder where, List<Object> params, String column, String wanted) {
        if (!given(wanted)) return;
        where.append(" AND LOWER(").append(column).append(") = ?");
        params.add(wanted.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
    }

    private static List<Driver> drivers(String json) {
        try {
            return List.of(Json.MAPPER.readValue(json, Driver[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored drivers are not JSON", e);
        }
    }

    private static AccountSummary summary(String json) {
        if (json == null) return AccountSummary.UNKNOWN;
        try {
            return Json.MAPPER.readValue(json, AccountSummary.class);
        } catch (JsonProcessingException e) {
            return AccountSummary.UNKNOWN;
        }
    }
}
