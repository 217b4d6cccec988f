package io.csbridge.store.account;

import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.scoring.AccountView;

import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.scoring.AccountScorer;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;
import io.csbridge.store.Database;
import io.csbridge.json.Json;
import io.csbridge.store.account.SignalStore;
import io.csbridge.domain.signal.Signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads accounts with their scores: the current ones as the pipeline stored them, or any past
 * moment's, recomputed from the signals stamped up to then.
 */
public final class AccountCatalog {

    private static final TypeReference<List<Driver>> DRIVERS = new TypeReference<>() {
    };

    /** One page of accounts, and how many matched in all. */
    public record Page(List<AccountView> items, int total) {
    }

    /** A day of an account's score history. */
    public record HistoryPoint(LocalDate day, int healthScore, String band, int churnRisk) {
    }

    private final Database database;
    private final AccountDirectory directory;
    private final SignalStore signals;

    public AccountCatalog(Database database) {
        this.database = database;
        this.directory = new AccountDirectory(database);
        this.signals = new SignalStore(database.dialect());
    }

    /**
     * Accounts filtered by segment and band, ordered by id.
     *
     * @param asOf null for the current scores; otherwise every account is scored as it stood then
     */
    public Page list(Instant asOf, AccountScorer scorer, String segment, String band, int limit, int offset) {
        return list(asOf, scorer, new Filter(segment, band, null, null, null, null), limit, offset);
    }

    /**
     * What a list may be narrowed and ordered by; null or blank means "any".
     *
     * @param query part of the name, id, a key or a domain (case-insensitive)
     * @param sort  id (default), name, health, risk, arr, or atRisk (ARR x risk, largest first); "-" reverses
     */
    public record Filter(String segment, String band, String owner, String onboardingState, String query, String sort) {
    }

    /** An as-of list whose filter or order needs every account scored as of then, over more accounts than allowed. */
    public static final class TooManyToScore extends RuntimeException {
        public TooManyToScore(int accounts, int max) {
            super("an as-of list filtered by segment, band, owner or onboarding state, or sorted by a score, scores "
                    + "every account as it stood then: " + accounts + " accounts is more than " + max
                    + "; list as of then by id or name (with q), or without asOf", null, false, false);
        }
    }

    /** {@link #list(Instant, AccountScorer, Filter, int, int, int)} allowing 5,000 accounts to be scored as of a past moment. */
    public Page list(Instant asOf, AccountScorer scorer, Filter filter, int limit, int offset) {
        return list(asOf, scorer, filter, limit, offset, 5_000);
    }

    /**
     * The current list is filtered, ordered and paged in SQL on the stored scores ({@link AccountListing}).
     * As of a past moment, an order by id or name and a filter by name or key are paged in SQL too and only
     * the page is scored; a filter or order that needs every account's past score scores them all, which is
     * allowed up to {@code maxScoredAsOf} accounts ({@link TooManyToScore} beyond).
     */
    public Page list(Instant asOf, AccountScorer scorer, Filter filter, int limit, int offset, int maxScoredAsOf) {
        return database.inTransaction(c -> {
            if (asOf == null || !AccountListing.needsScores(filter)) {
                AccountListing.Ids page = AccountListing.page(c, filter, asOf, limit, offset);
                if (asOf == null) return new Page(AccountListing.views(c, directory, page.ids()), page.total());
                Map<String, AccountProfile> profiles = directory.profiles(c, page.ids());
                List<AccountView> views = new ArrayList<>();
                for (String id : page.ids()) {
                    if (profiles.containsKey(id)) views.add(view(c, profiles.get(id), asOf, scorer));
                }
                return new Page(views, page.total());
            }
            int accounts = AccountListing.page(c, new Filter(null, null, null, null, null, null), asOf, 0, Integer.MAX_VALUE).total();
            if (accounts > maxScoredAsOf) throw new TooManyToScore(accounts, maxScoredAsOf);
            List<AccountView> all = new ArrayList<>();
            for (AccountProfile profile : profiles(c, asOf)) {
                AccountView view = view(c, profile, asOf, scorer);
                if (!matches(filter.segment(), view.segment()) || !matches(filter.band(), view.band())
                        || !matches(filter.owner(), view.owner()) || !matches(filter.onboardingState(), view.onboardingState())) {
                    continue;
                }
                if (filter.query() != null && !filter.query().isBlank()) {
                    String q = filter.query().toLowerCase();
                    String haystack = (view.id() + " " + view.name() + " " + view.keys()).toLowerCase();
                    if (!haystack.contains(q)) continue;
                }
                all.add(view);
            }
            all.sort(order(filter.sort()));
            int from = Math.min(offset, all.size());
            int to = Math.min(all.size(), from + limit);
            return new Page(List.copyOf(all.subList(from, to)), all.size());
        });
    }

    private static boolean matches(String wanted, String actual) {
        return wanted == null || wanted.isBlank() || wanted.equalsIgnoreCase(actual);
    }

    static java.util.Comparator<AccountView> order(String sort) {
        String key = sort == null || sort.isBlank() ? "id" : sort;
        boolean reverse = key.startsWith("-");
        if (reverse) key = key.substring(1);
        java.util.Comparator<AccountView> byId = java.util.Comparator.comparing(AccountView::id);
        java.util.Comparator<AccountView> c = switch (key) {
            case "name" -> java.util.Comparator.comparing((AccountView v) -> v.name().toLowerCase());
            case "health" -> java.util.Comparator.comparing((AccountView v) -> v.healthScore() == null ? -1 : v.healthScore());
            case "risk" -> java.util.Comparator.comparing((AccountView v) -> v.churnRisk() == null ? -1 : v.churnRisk());
            case "arr" -> java.util.Comparator.comparing((AccountView v) -> v.healthScore() == null ? -2 : v.arr() == null ? -1 : v.arr());
            case "atRisk" -> java.util.Comparator.comparing((AccountView v) -> v.healthScore() == null ? 1 : -atRisk(v)); // unscored last
            default -> byId;
        };
        c = c.thenComparing(byId);
        return reverse ? c.reversed() : c;
    }

    /** ARR x churn risk: what the at-risk list is ordered by. */
    public static double atRisk(AccountView v) {
        return (v.arr() == null ? 0 : v.arr()) * (v.churnRisk() == null ? 0 : v.churnRisk()) / 100.0;
    }

    /** The account's current id: itself, or the account it was merged into. */
    public String canonicalId(String id) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id FROM account_alias WHERE alias_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : id;
                }
            }
        });
    }

    public Optional<AccountView> get(String id, Instant asOf, AccountScorer scorer) {
        return database.inTransaction(c -> {
            Optional<AccountProfile> profile = directory.profile(c, id);
            if (profile.isEmpty()) return Optional.empty();
            return Optional.of(view(c, profile.get(), asOf, scorer));
        });
    }

    private AccountView view(Connection c, AccountProfile profile, Instant asOf, AccountScorer scorer) throws SQLException {
        if (asOf == null) {
            return AccountView.of(profile, stored(c, profile.id()).orElse(null), storedSummary(c, profile.id()));
        }
        AccountHistory history = new AccountHistory(profile, signals.forAccount(c, profile.id(), asOf));
        return AccountView.of(profile, scorer.score(history, asOf), scorer.summarize(history, asOf));
    }

    private AccountSummary storedSummary(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT summary FROM account_score WHERE account_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getString(1) == null) return AccountSummary.UNKNOWN;
                return Json.MAPPER.readValue(rs.getString(1), AccountSummary.class);
            } catch (JsonProcessingException e) {
                return AccountSummary.UNKNOWN;
            }
        }
    }

    /** The account and its signals up to {@code asOf}, or null if there is no such account. */
    public AccountHistory history(String id, Instant asOf) {
        return database.inTransaction(c -> {
            Optional<AccountProfile> profile = directory.profile(c, id);
            return profile.isEmpty() ? null : new AccountHistory(profile.get(), signals.forAccount(c, id, asOf));
        });
    }

    /** The account's signals up to {@code asOf}, in event-time order (the inputs behind its drivers). */
    public List<Signal> signals(String id, Instant asOf) {
        return database.inTransaction(c -> new AccountHistory(
                directory.profile(c, id).orElseThrow(), signals.forAccount(c, id, asOf)).signals());
    }

    /** How many signals the account has (each accepted event counted once). */
    public long signalCount(String id) {
        return database.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM signal WHERE account_id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public List<HistoryPoint> history(String id) {
        return database.inTransaction(c -> {
            List<HistoryPoint> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT score_day, health_score, band, churn_risk "
                    + "FROM score_history WHERE account_id = ? ORDER BY score_day")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HistoryPoint(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getString(3), rs.getInt(4)));
                    }
                }
            }
            return out;
        });
    }

    /** Every account with all its signals up to {@code asOf}: the input for KPIs, dry runs and backtests. */
    public List<AccountHistory> histories(Instant asOf) {
        return database.inTransaction(c -> {
            List<AccountHistory> out = new ArrayList<>();
            for (AccountProfile profile : profiles(c, asOf)) {
                out.add(new AccountHistory(profile, signals.forAccount(c, profile.id(), asOf)));
            }
            return out;
        });
    }

    private List<AccountProfile> profiles(Connection c, Instant asOf) throws SQLException {
        Map<String, AccountProfile> out = new LinkedHashMap<>();
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(asOf == null
                ? "SELECT id FROM account ORDER BY id"
                : "SELECT id FROM account WHERE first_seen <= ? ORDER BY id")) {
            if (asOf != null) ps.setTimestamp(1, java.sql.Timestamp.from(asOf));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) ids.add(rs.getString(1));
            }
        }
        for (String id : ids) directory.profile(c, id).ifPresent(p -> out.put(id, p));
        return new ArrayList<>(out.values());
    }

    private Optional<AccountScore> stored(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT health_score, band, churn_risk, onboarding_completion, "
                + "segment, trend, drivers, as_of FROM account_score WHERE account_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                int trend = rs.getInt(6);
                Integer trendOrNull = rs.wasNull() ? null : trend;
                return Optional.of(new AccountScore(rs.getInt(1), Band.fromLabel(rs.getString(2)), rs.getInt(3),
                        rs.getInt(4), rs.getString(5), trendOrNull, drivers(rs.getString(7)), List.of(),
                        rs.getTimestamp(8).toInstant()));
            }
        }
    }

    private static List<Driver> drivers(String json) {
        try {
            return Json.MAPPER.readValue(json, DRIVERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored drivers are not JSON", e);
        }
    }
}
