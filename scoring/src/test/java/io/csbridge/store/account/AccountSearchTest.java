package io.csbridge.store.account;

import io.csbridge.store.Database;
import io.csbridge.testing.ScoredAccounts;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 12 item 5 (and migration V18, {@code store.AccountTextIndexes}): the accounts search ({@code q}) finds a substring of an account's id, name or key value,
 * whatever its case, with {@code %}, {@code _} and {@code \} taken literally, on H2 and (with DB_URL) on
 * PostgreSQL, where V18's trigram indexes serve it.
 */
class AccountSearchTest {

    /** id, name (or null), keys. */
    static final Map<String, List<String>> PORTFOLIO = new LinkedHashMap<>();

    static {
        PORTFOLIO.put("001Dn00000ACMEAAA", List.of("Acme Corp", "salesforce=001Dn00000ACMEAAA", "domain=acme.com", "zendesk=9001"));
        PORTFOLIO.put("acme-eu", List.of("Acme Europe <GmbH>", "product=acme-eu"));
        PORTFOLIO.put("acorn-1", List.of("Acorn Labs", "product=acorn-1", "domain=acorn.io"));
        PORTFOLIO.put("newco.com", List.of("", "domain=newco.com"));
        PORTFOLIO.put("club-100", List.of("100% Club", "domain=hundred.example"));
        PORTFOLIO.put("club-1000", List.of("1000 Club", "domain=thousand.example"));
        PORTFOLIO.put("snake_case", List.of("Snake Ltd", "product=snake_case"));
        PORTFOLIO.put("snakeXcase", List.of("Snake X", "product=snakeXcase"));
        PORTFOLIO.put("back\\slash", List.of("Back Slash", "domain=back.example"));
        PORTFOLIO.put("k-only", List.of("Plain Name", "zendesk=ZD-4711-Customer"));
        PORTFOLIO.put("customer4711", List.of("Customer 4711", "product=customer4711"));
        PORTFOLIO.put("customer47110", List.of("Customer 47110", "product=customer47110"));
    }

    static final List<String> QUERIES = List.of(
            "acme", "ACME", "AcMe.CoM", "001dn", "Europe <gmbh>", "corp", // name, id and key, any case
            "%", "100%", "0%", "_", "snake_case", "e_c", "\\", "k\\s",     // wildcards and escape taken literally
            "customer4711", "4711", "zd-4711", "  acorn  ", "9001", ".com", "nothing-like-this", "a");

    @Test
    void aSearchFindsSubstringsOfIdsNamesAndKeysInAnyCaseWithWildcardsTakenLiterally() {
        Database db = TestDatabase.fresh();
        seed(db);
        AccountCatalog catalog = new AccountCatalog(db);
        for (String q : QUERIES) {
            List<String> expected = expected(q);
            for (String sort : List.of("id", "-name")) {
                AccountCatalog.Page page = catalog.list(null, null, new AccountCatalog.Filter(null, null, null, null, q, sort), 100, 0);
                assertThat(page.total()).as("total for q=%s", q).isEqualTo(expected.size());
                assertThat(page.items()).extracting(v -> v.id()).as("q=%s sort=%s", q, sort).containsExactlyInAnyOrderElementsOf(expected);
            }
            AccountCatalog.Page second = catalog.list(null, null, new AccountCatalog.Filter(null, null, null, null, q, null), 2, 1);
            assertThat(second.items()).extracting(v -> v.id()).as("second page of q=%s", q)
                    .containsExactlyElementsOf(expected.stream().sorted().skip(1).limit(2).toList());
        }
        assertThat(expected("%")).containsExactly("club-100");
        assertThat(expected("_")).containsExactly("snake_case");
        assertThat(expected("\\")).containsExactly("back\\slash");
        assertThat(expected("4711")).containsExactlyInAnyOrder("k-only", "customer4711", "customer47110");
    }

    @Test
    void onPostgreSqlTheSearchCanReadTrigramIndexesOnIdsNamesAndKeys() {
        assumeTrue(System.getenv("DB_URL") != null && System.getenv("DB_URL").startsWith("jdbc:postgresql:"), "needs DB_URL (PostgreSQL)");
        Database db = TestDatabase.fresh();
        seed(db);
        List<String> indexes = rows(db, "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE '%trgm'");
        assertThat(indexes).containsExactlyInAnyOrder("ix_account_id_trgm", "ix_account_name_trgm", "ix_account_key_value_trgm");
        // A dozen rows are read fastest in full; with only bitmap index reads allowed, the planner shows the indexes serve this SQL.
        List<String> plan = db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_seqscan = off");
                s.execute("SET LOCAL enable_indexscan = off"); // else the id's part may walk the primary key in full
                s.execute("SET LOCAL enable_indexonlyscan = off");
            }
            List<String> lines = new ArrayList<>();
            StringBuilder where = new StringBuilder(" WHERE 1=1");
            List<Object> params = new ArrayList<>();
            AccountSearch.restrict(where, params, "Customer4711"); // the list's own search condition
            try (var ps = c.prepareStatement("EXPLAIN SELECT a.id FROM account a" + where)) {
                for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) lines.add(rs.getString(1));
                }
            }
            return lines;
        });
        assertThat(String.join("\n", plan)).contains("ix_account_id_trgm", "ix_account_name_trgm", "ix_account_key_value_trgm");
    }

    @Test
    void onPostgreSqlAPageDeepInTheNameOrderCanWalkAnIndex() {
        assumeTrue(System.getenv("DB_URL") != null && System.getenv("DB_URL").startsWith("jdbc:postgresql:"), "needs DB_URL (PostgreSQL)");
        Database db = TestDatabase.fresh();
        seed(db);
        List<String> plan = db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL enable_sort = off"); // a dozen rows sort fastest; without sorting, the index must give the order
                s.execute("SET LOCAL enable_seqscan = off");
            }
            List<String> lines = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN SELECT a.id FROM account a LEFT JOIN "
                    + "account_score s ON s.account_id = a.id ORDER BY LOWER(COALESCE(a.name, a.id)) DESC, a.id DESC LIMIT 5 OFFSET 3")) {
                while (rs.next()) lines.add(rs.getString(1));
            }
            return lines;
        });
        assertThat(String.join("\n", plan)).contains("ix_account_name_order").doesNotContain("Sort");
    }

    @Test
    void theSearchMigrationIsRecordedOnBothDatabases() {
        Database db = TestDatabase.fresh();
        assertThat(rows(db, "SELECT \"description\" FROM \"flyway_schema_history\" WHERE \"version\" = '18'"))
                .containsExactly("account text indexes");
    }

    /** What the search always meant: the lower-cased query within the lower-cased id, name or a key value. */
    static List<String> expected(String q) {
        String wanted = q.trim().toLowerCase(Locale.ROOT);
        return PORTFOLIO.entrySet().stream().filter(e -> {
            List<String> texts = new ArrayList<>(List.of(e.getKey(), e.getValue().get(0)));
            e.getValue().stream().skip(1).map(k -> k.split("=", 2)[1]).forEach(texts::add);
            return texts.stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).contains(wanted));
        }).map(Map.Entry::getKey).sorted().toList();
    }

    static void seed(Database db) {
        PORTFOLIO.forEach((id, nameAndKeys) -> ScoredAccounts.account(db, id, nameAndKeys.get(0).isEmpty() ? null : nameAndKeys.get(0),
                nameAndKeys.subList(1, nameAndKeys.size()).toArray(String[]::new)));
        ScoredAccounts.score(db, "acme-eu", 70, "Yellow", 3, "[]");
    }

    static List<String> rows(Database db, String sql) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }
}
