package io.csbridge.store.kpi;

import io.csbridge.domain.kpi.KpiReport;
import io.csbridge.domain.kpi.KpiTally;
import io.csbridge.domain.kpi.Kpis;
import io.csbridge.domain.scoring.AccountBuilder;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.scoring.ScoringConfig;
import io.csbridge.domain.signal.Signal;
import io.csbridge.json.Json;
import io.csbridge.store.Database;
import io.csbridge.store.account.PortfolioReader;
import io.csbridge.store.account.SignalStore;
import io.csbridge.testing.ScoredAccounts;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 item 5: the KPIs of a portfolio read a chunk of accounts at a time are those of the whole
 * portfolio in memory, and a stored snapshot reads back as the same report.
 */
class KpiSnapshotsTest {

    @Test
    void kpisTalliedChunkByChunkFromTheStoreEqualTheWholePortfolioInMemoryAndSnapshotsReadBackTheSame() throws Exception {
        Database db = TestDatabase.fresh();
        List<AccountHistory> portfolio = new ArrayList<>();
        for (int i = 0; i < 450; i++) { // more than two of the reader's chunks
            AccountBuilder a = account(String.format("acc-%04d", i))
                    .traits(daysAgo(500 - i % 300), "arr", String.valueOf(1000 * (1 + i % 40)), "startDate", "2024-10-01")
                    .nps(daysAgo(5 + i % 60), i % 11, "u" + i);
            if (i % 9 == 0) a.traits(daysAgo(30 + i % 200), "churned", "true");
            if (i % 13 == 0) a.opportunity(daysAgo(40), i % 2 == 0 ? "upsell" : "downgrade", "won", 500);
            portfolio.add(a.history());
        }
        store(db, portfolio);
        Kpis kpis = new Kpis(ScoringConfig.defaults());
        List<Instant> points = List.of(NOW.minus(Duration.ofDays(84)), NOW.minus(Duration.ofDays(7)), NOW);
        List<KpiTally> tallies = points.stream().map(kpis::tally).toList();
        AtomicInteger progress = new AtomicInteger();
        int visited = new PortfolioReader(db).forEach(NOW, h -> tallies.forEach(t -> t.add(h)), progress::set, () -> false);
        assertThat(visited).isEqualTo(450);
        assertThat(progress.get()).isEqualTo(450);
        for (int i = 0; i < points.size(); i++) {
            assertThat(Json.write(tallies.get(i).report())).as("%s", points.get(i))
                    .isEqualTo(Json.write(kpis.compute(portfolio, points.get(i))));
        }

        KpiSnapshots snapshots = new KpiSnapshots(db);
        KpiReport now = tallies.get(2).report();
        snapshots.save(points.get(1), "7", NOW, 0, 450, Json.write(tallies.get(1).report()));
        snapshots.save(NOW, "7", NOW, 0, 450, Json.write(now));
        snapshots.save(NOW, "7", NOW, 0, 450, Json.write(now)); // replaced, not doubled
        assertThat(snapshots.latest("7", NOW).orElseThrow().asOf()).isEqualTo(NOW);
        assertThat(snapshots.latest("7", NOW.minusSeconds(1)).orElseThrow().asOf()).isEqualTo(points.get(1));
        assertThat(snapshots.latest("8", NOW)).as("another model version").isEmpty();
        KpiReport back = Json.MAPPER.readValue(snapshots.at(NOW, "7").orElseThrow().body(), KpiReport.class);
        assertThat(back).isEqualTo(now);
    }

    /** The histories as the pipeline would have stored them: accounts, one inbox row per signal, the signals. */
    static void store(Database db, List<AccountHistory> portfolio) {
        SignalStore signals = new SignalStore(db.dialect());
        for (AccountHistory h : portfolio) ScoredAccounts.account(db, h.profile().id(), h.profile().name());
        db.inTransaction(c -> {
            try (PreparedStatement inbox = c.prepareStatement("INSERT INTO inbox_event (source, dedupe_key, event_time, "
                    + "received_at, payload, signals, status) VALUES ('test', ?, ?, ?, '{}', '[]', 'DONE')", Statement.RETURN_GENERATED_KEYS)) {
                int n = 0;
                for (AccountHistory h : portfolio) {
                    for (Signal s : h.signals()) {
                        inbox.setString(1, h.profile().id() + "-" + n++);
                        inbox.setTimestamp(2, Timestamp.from(s.occurredAt()));
                        inbox.setTimestamp(3, Timestamp.from(s.occurredAt()));
                        inbox.executeUpdate();
                        try (ResultSet keys = inbox.getGeneratedKeys()) {
                            keys.next();
                            signals.add(c, keys.getLong(1), 0, h.profile().id(), s);
                        }
                    }
                }
            }
            return null;
        });
    }

    @Test
    void aSnapshotRemembersTheNewestSignalItCouldSeeSoALaterOneMakesItOutOfDate() throws Exception {
        Database db = TestDatabase.fresh();
        KpiSnapshots snapshots = new KpiSnapshots(db);
        assertThat(snapshots.newestSignal()).as("no signal yet").isZero();
        store(db, List.of(account("acc-1").nps(daysAgo(5), 9, "u1").history()));
        long seen = snapshots.newestSignal();
        assertThat(seen).isPositive();
        snapshots.save(NOW, "7", NOW, seen, 1, "{}");
        assertThat(snapshots.at(NOW, "7").orElseThrow().lastSignal()).isEqualTo(seen);
        store(db, List.of(account("acc-2").nps(daysAgo(400), 3, "u2").history())); // a backdated answer arrives
        assertThat(snapshots.newestSignal()).as("what the snapshot did not see").isGreaterThan(seen);
    }
}
