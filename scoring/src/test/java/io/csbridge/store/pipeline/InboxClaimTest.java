package io.csbridge.store.pipeline;

import io.csbridge.store.Database;
import io.csbridge.store.Dialect;
import io.csbridge.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The processor's claim reads the rows it takes, not the whole backlog (the H2 form of {@link Dialect#claimFirst}). */
class InboxClaimTest {

    static final int BACKLOG = 3_000;
    static final int BATCH = 200;
    final Database db = TestDatabase.fresh();
    final InboxStore inbox = new InboxStore(db);

    @Test
    void aClaimFromABacklogOfThreeThousandReadsAboutTheTwoHundredRowsItTakes() {
        assumeTrue(db.dialect() == Dialect.H2, "the plan H2 chooses; PostgreSQL's claim is a plain FETCH FIRST ... SKIP LOCKED");
        Instant now = Instant.parse("2026-11-30T10:00:00Z");
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO inbox_event (source, dedupe_key, event_time, received_at, "
                    + "payload, signals, status) VALUES ('usage', ?, ?, ?, '{}', '[]', ?)")) {
                for (int i = 0; i < BACKLOG + 500; i++) {
                    ps.setString(1, "claim-" + i);
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setTimestamp(3, Timestamp.from(now));
                    ps.setString(4, i < 500 ? "DONE" : "NEW");
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });

        String claim = db.dialect().claimFirst("id, signals", "inbox_event",
                "status = 'NEW' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)", "status, id", BATCH);
        String plan = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("EXPLAIN ANALYZE " + claim)) {
                for (int i = 1; i <= claim.chars().filter(ch -> ch == '?').count(); i++) ps.setTimestamp(i, Timestamp.from(now));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
        // H2 prints the rows each part of the query read (the subquery choosing the ids, the outer query locking them).
        Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        long most = -1;
        while (scans.find()) most = Math.max(most, Long.parseLong(scans.group(1)));
        assertThat(most).as(plan).isBetween(1L, (long) BATCH + 1);

        List<InboxStore.Claimed> claimed = db.transaction(tx -> inbox.claimNew(tx, BATCH, now));
        assertThat(claimed).hasSize(BATCH);
        assertThat(claimed.get(0).id()).as("oldest first").isEqualTo(501);
    }
}
