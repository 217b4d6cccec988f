package io.csbridge.store.account;

import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.scoring.AccountView;
import io.csbridge.store.Database;
import io.csbridge.testing.ScoredAccounts;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 12 item 5: the accounts list is filtered, ordered and paged by the database, with the orders it always had. */
class AccountListingTest {

    static final Instant AT = Instant.parse("2026-01-31T06:00:00Z");
    static final String[] BANDS = {"Green", "Yellow", "Red", "Unknown"};
    static final String[] SEGMENTS = {"high-touch", "mid-touch", "tech-touch"};
    static final String[] OWNERS = {"jane@example.com", "joe@example.com", null};

    @Test
    void everyFilterAndOrderGivesWhatTheInMemoryListGave() {
        Database db = TestDatabase.fresh();
        seed(db, 60);
        AccountCatalog catalog = new AccountCatalog(db);
        List<AccountView> all = catalog.list(null, null, new AccountCatalog.Filter(null, null, null, null, null, null), 1000, 0).items();
        assertThat(all).hasSize(60);
        for (String sort : List.of("id", "name", "health", "risk", "arr", "atRisk", "-id", "-name", "-health", "-risk", "-arr", "-atRisk")) {
            for (AccountCatalog.Filter f : List.of(
                    new AccountCatalog.Filter(null, null, null, null, null, sort),
                    new AccountCatalog.Filter("MID-TOUCH", null, null, null, null, sort),
                    new AccountCatalog.Filter(null, "red", null, null, null, sort),
                    new AccountCatalog.Filter(null, null, "jane@example.com", "behind", null, sort),
                    new AccountCatalog.Filter(null, null, null, null, "ACCOUNT 1", sort),
                    new AccountCatalog.Filter(null, null, null, null, "domain-7.example", sort))) {
                List<AccountView> expected = all.stream().filter(v -> matches(f, v)).sorted(AccountCatalog.order(sort)).toList();
                AccountCatalog.Page page = catalog.list(null, null, f, 7, 3);
                assertThat(page.total()).as("%s", f).isEqualTo(expected.size());
                assertThat(page.items()).extracting(AccountView::id).as("%s", f)
                        .containsExactlyElementsOf(expected.subList(Math.min(3, expected.size()), Math.min(10, expected.size()))
                                .stream().map(AccountView::id).toList());
            }
        }
    }

    @Test
    void aPageReadsOnlyItsOwnAccountsWhateverThePortfolioSize() {
        Database seeded = TestDatabase.fresh();
        seed(seeded, 300);
        AtomicInteger statements = new AtomicInteger();
        Database counted = new Database(counting(seeded.dataSource(), statements));
        AccountCatalog.Page page = new AccountCatalog(counted).list(null, null,
                new AccountCatalog.Filter(null, "Red", null, null, null, "-atRisk"), 10, 20);
        assertThat(page.items()).hasSize(10);
        assertThat(page.items().get(0).drivers()).isNotNull();
        assertThat(statements.get()).as("statements for one page of 10 among 300 accounts").isLessThanOrEqualTo(6);
    }

    @Test
    void anAsOfListByIdScoresOnlyThePageAndOneNeedingEveryPastScoreIsBounded() {
        Database db = TestDatabase.fresh();
        seed(db, 12);
        AccountCatalog catalog = new AccountCatalog(db);
        AtomicInteger scored = new AtomicInteger();
        io.csbridge.domain.scoring.AccountScorer scorer = new io.csbridge.domain.scoring.AccountScorer() {
            @Override
            public AccountScore score(io.csbridge.domain.scoring.AccountHistory history, Instant asOf) {
                scored.incrementAndGet();
                return new AccountScore(50, Band.YELLOW, 10, 0, "mid-touch", null, List.of(), List.of(), asOf);
            }

            @Override
            public AccountSummary summarize(io.csbridge.domain.scoring.AccountHistory history, Instant asOf) {
                return AccountSummary.UNKNOWN;
            }
        };
        AccountCatalog.Page page = catalog.list(AT, scorer, new AccountCatalog.Filter(null, null, null, null, null, "name"), 5, 0, 10);
        assertThat(page.total()).isEqualTo(12);
        assertThat(scored.get()).isEqualTo(5);
        assertThatThrownBy(() -> catalog.list(AT, scorer, new AccountCatalog.Filter(null, "Red", null, null, null, null), 5, 0, 10))
                .isInstanceOf(AccountCatalog.TooManyToScore.class).hasMessageContaining("12 accounts is more than 10");
        assertThat(catalog.list(AT, scorer, new AccountCatalog.Filter(null, "yellow", null, null, null, null), 5, 0, 20).total())
                .isEqualTo(12);
    }

    static boolean matches(AccountCatalog.Filter f, AccountView v) {
        return same(f.segment(), v.segment()) && same(f.band(), v.band()) && same(f.owner(), v.owner())
                && same(f.onboardingState(), v.onboardingState())
                && (f.query() == null || (v.id() + " " + v.name() + " " + v.keys()).toLowerCase().contains(f.query().toLowerCase()));
    }

    static boolean same(String wanted, String actual) {
        return wanted == null || wanted.equalsIgnoreCase(actual);
    }

    /** Accounts with scores spread over every band, segment, owner and ARR (some unscored, some without ARR). */
    static void seed(Database db, int n) {
        Random random = new Random(12);
        ScoreBook book = new ScoreBook();
        List<ScoreBook.Scored> scored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "acc-" + (char) ('a' + random.nextInt(26)) + i;
            ScoredAccounts.account(db, id, i % 9 == 0 ? null : "Account " + i, "domain=domain-" + i + ".example");
            if (i % 11 == 5) continue; // never scored
            Double arr = i % 7 == 3 ? null : (double) (1000 * random.nextInt(50));
            AccountSummary summary = new AccountSummary(OWNERS[i % 3], arr, null, null, null, i % 4 == 0 ? "behind" : "on-track",
                    null, false);
            scored.add(new ScoreBook.Scored(id, new AccountScore(random.nextInt(101), Band.fromLabel(BANDS[random.nextInt(4)]),
                    random.nextInt(5) * 20, 50, SEGMENTS[random.nextInt(3)], null, List.of(), List.of(), AT), summary));
        }
        db.inTransaction(c -> {
            book.saveAll(c, scored);
            return null;
        });
    }

    /** The datasource, counting every statement its connections prepare or create. */
    static DataSource counting(DataSource target, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(AccountListingTest.class.getClassLoader(), new Class<?>[]{DataSource.class},
                (p, m, a) -> {
                    Object r = m.invoke(target, a);
                    if (!(r instanceof Connection c)) return r;
                    return Proxy.newProxyInstance(AccountListingTest.class.getClassLoader(), new Class<?>[]{Connection.class}, (p2, m2, a2) -> {
                        if (m2.getName().startsWith("prepare") || m2.getName().equals("createStatement")) statements.incrementAndGet();
                        try {
                            return m2.invoke(c, a2);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
                });
    }
}
