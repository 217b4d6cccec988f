package io.csbridge.processing;

import io.csbridge.alerts.AccountAlerts;
import io.csbridge.alerts.AlertSettings;
import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.outbox.RetryPolicy;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.VendorCall;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.InboxStore;
import io.csbridge.store.account.ScoreBook;
import io.csbridge.testing.TestDatabase;

import io.csbridge.store.account.AccountDirectory;
import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountProfile;
import io.csbridge.store.account.IdentityReview;
import io.csbridge.store.alerts.AlertRulesStore;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The processor reads a batch's accounts together and saves their scores together; what it stores must
 * still be the score computed from scratch from every event of the account, whatever order the events
 * arrived in and however they were cut into batches.
 */
class ScoresFromBatchesTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final int ACCOUNTS = 12;
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void everyStoredScoreEqualsAFullRecomputeWhateverTheArrivalOrderAndBatching() {
        Map<String, List<Signal>> byAccount = new TreeMap<>();
        List<InboxEntry> events = events(new Random(7), byAccount);

        Database inOrder = TestDatabase.fresh();
        try (Inbox inbox = new Inbox(new InboxStore(inOrder), clock, Thread::new, () -> { })) {
            inbox.accept(events);
        }
        EventProcessor oneBigBatch = processor(inOrder, 500);
        while (oneBigBatch.processBatch() > 0) { }

        // Shuffled, delivered a few at a time, each delivery processed in batches of 3 before the next
        // arrives: accounts are rescored many times from partial views, and later deliveries carry
        // events stamped before ones already scored.
        Database shuffled = TestDatabase.fresh();
        List<InboxEntry> mixed = new ArrayList<>(events);
        Collections.shuffle(mixed, new Random(11));
        EventProcessor smallBatches = processor(shuffled, 3);
        Random sizes = new Random(13);
        try (Inbox inbox = new Inbox(new InboxStore(shuffled), clock, Thread::new, () -> { })) {
            for (int from = 0; from < mixed.size(); ) {
                int to = Math.min(mixed.size(), from + 1 + sizes.nextInt(9));
                inbox.accept(mixed.subList(from, to));
                while (smallBatches.processBatch() > 0) { }
                from = to;
            }
        }

        Map<String, String> expected = fromScratch(inOrder, byAccount);
        assertThat(expected).hasSize(ACCOUNTS);
        assertThat(stored(inOrder)).isEqualTo(expected);
        assertThat(stored(shuffled)).isEqualTo(expected);
        assertThat(written(shuffled)).isEqualTo(written(inOrder)).isNotEmpty();
        Map<String, String> earliest = new TreeMap<>();
        byAccount.forEach((id, signals) -> earliest.put(id, signals.stream().map(Signal::occurredAt).min(Instant::compareTo)
                .orElseThrow().toString()));
        assertThat(firstSeen(inOrder)).isEqualTo(earliest);
        assertThat(firstSeen(shuffled)).isEqualTo(earliest);
        assertThat(TestDatabase.count(shuffled, "SELECT COUNT(*) FROM unmatched_signal")).isZero();
        assertThat(TestDatabase.count(shuffled, "SELECT COUNT(*) FROM signal")).isEqualTo(events.size());
    }

    /**
     * Two nodes take turns on one database, each keeping the signals of the accounts it scored in
     * memory, and halfway an account is merged into another: what either node kept is stale, and every
     * stored score must still be the full recompute.
     */
    @Test
    void twoNodesAndAMergeBetweenTheirBatchesStillScoreFromEverySignal() {
        Map<String, List<Signal>> byAccount = new TreeMap<>();
        List<InboxEntry> events = events(new Random(21), byAccount);
        List<InboxEntry> mixed = new ArrayList<>(events);
        Collections.shuffle(mixed, new Random(23));
        Database db = TestDatabase.fresh();
        EventProcessor node1 = processor(db, 4);
        EventProcessor node2 = processor(db, 4);
        Random sizes = new Random(29);
        int half = mixed.size() / 2;
        try (Inbox inbox = new Inbox(new InboxStore(db), clock, Thread::new, () -> { })) {
            deliver(inbox, mixed.subList(0, half), sizes, node1, node2);
            new IdentityReview(db, node1, clock).merge("acct-0", "acct-1", "cs-admin");
            deliver(inbox, mixed.subList(half, mixed.size()), sizes, node2, node1);
        }
        for (Signal s : byAccount.remove("acct-1")) {
            byAccount.get("acct-0").add(new Signal(AccountKey.product("acct-0"), s.kind(), s.occurredAt(), s.name(), s.user(),
                    s.value(), s.attributes()));
        }

        Map<String, String> expected = fromScratch(db, byAccount);
        assertThat(expected).hasSize(ACCOUNTS - 1);
        assertThat(stored(db)).isEqualTo(expected);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM signal")).isEqualTo(events.size());
    }

    /**
     * A batch that fails after it stored signals and kept them for the next batch is rolled back and
     * retried event by event; the event that fails alone is tried again, parked as FAILED once its attempts
     * run out, and nothing of it remains, in the database or in what the processor keeps in memory.
     */
    @Test
    void anEventThatCannotBeAppliedIsParkedAndEveryOtherScoreIsTheFullRecompute() {
        Map<String, List<Signal>> byAccount = new TreeMap<>();
        List<InboxEntry> events = events(new Random(31), byAccount);
        List<InboxEntry> mixed = new ArrayList<>(events);
        Collections.shuffle(mixed, new Random(37));
        Database db = TestDatabase.fresh();
        // The channel cannot map account 5's Salesforce Account: the event that gives it one fails.
        PipelineTest.RecordingChannel salesforce = new PipelineTest.RecordingChannel();
        DeliveryChannel broken = new DeliveryChannel() {
            public String name() { return salesforce.name(); }
            public boolean live() { return false; }
            public java.util.Optional<String> target(io.csbridge.domain.account.AccountKeys keys) {
                java.util.Optional<String> id = salesforce.target(keys);
                if (id.isPresent() && id.get().equals("001ACCT5")) throw new IllegalStateException("unmappable");
                return id;
            }
            public Map<String, Object> fields(AccountScore score) { return salesforce.fields(score); }
            public int maxBatch() { return salesforce.maxBatch(); }
            public List<VendorCall> preview(List<OutboundWrite> writes) { return salesforce.preview(writes); }
            public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) { return salesforce.deliver(writes); }
        };
        EventProcessor processor = new EventProcessor(db, ModelScorer::withDefaults, () -> List.of(broken), clock, 6,
                new AccountAlerts(db.dialect(), new AlertRulesStore(), AlertSettings.defaults()),
                new RetryPolicy(Duration.ZERO, Duration.ZERO, 3, () -> 0));
        deliver(db, mixed, new Random(41), processor);
        byAccount.get("acct-5").removeIf(s -> "001ACCT5".equals(s.attribute("salesforceAccountId")));

        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM inbox_event WHERE status = 'FAILED'")).isEqualTo(1);
        assertThat(TestDatabase.count(db, "SELECT COUNT(*) FROM signal")).isEqualTo(events.size() - 1);
        assertThat(stored(db)).isEqualTo(fromScratch(db, byAccount));
    }

    private static void deliver(Database db, List<InboxEntry> events, Random sizes, EventProcessor processor) {
        try (Inbox inbox = new Inbox(new InboxStore(db), Clock.fixed(NOW, ZoneOffset.UTC), Thread::new, () -> { })) {
            deliver(inbox, events, sizes, processor, processor);
        }
    }

    /** Delivers the events a few at a time; after each delivery one node, then the other, processes everything waiting. */
    private static void deliver(Inbox inbox, List<InboxEntry> events, Random sizes, EventProcessor first, EventProcessor second) {
        boolean turn = true;
        for (int from = 0; from < events.size(); ) {
            int to = Math.min(events.size(), from + 1 + sizes.nextInt(9));
            inbox.accept(events.subList(from, to));
            EventProcessor node = turn ? first : second;
            while (node.processBatch() > 0) { }
            turn = !turn;
            from = to;
        }
    }

    private EventProcessor processor(Database db, int batchSize) {
        AccountAlerts alerts = new AccountAlerts(db.dialect(), new AlertRulesStore(), AlertSettings.defaults());
        PipelineTest.RecordingChannel salesforce = new PipelineTest.RecordingChannel();
        return new EventProcessor(db, ModelScorer::withDefaults, () -> List.of(salesforce), clock, batchSize, alerts);
    }

    /**
     * Per account: traits (two of them stamped at the same second), product events from several users (some
     * by a user whose account only a later-stamped group call names, so they wait unmatched), tickets, NPS
     * answers, a milestone, and one event stamped after "now" that no score may count yet.
     */
    private static List<InboxEntry> events(Random random, Map<String, List<Signal>> byAccount) {
        List<InboxEntry> out = new ArrayList<>();
        String[] names = {"Report Viewed", "Report Built", "Dashboard Shared", "Signed In"};
        for (int a = 0; a < ACCOUNTS; a++) {
            String account = "acct-" + a;
            List<Signal> signals = byAccount.computeIfAbsent(account, k -> new ArrayList<>());
            Instant traitsAt = NOW.minus(Duration.ofDays(200 + random.nextInt(100)));
            Map<String, String> traits = new LinkedHashMap<>();
            traits.put("name", "Account " + a);
            traits.put("arr", Integer.toString(2_000 + random.nextInt(200_000)));
            traits.put("plan", a % 2 == 0 ? "pro" : "team");
            traits.put("owner", "owner-" + (a % 3));
            traits.put("renewalDate", "2026-0" + (4 + random.nextInt(5)) + "-15");
            traits.put("salesforceAccountId", "001ACCT" + a);
            add(out, signals, account, new Signal(AccountKey.product(account), SignalKind.ACCOUNT_TRAITS, traitsAt,
                    "group", "", Double.NaN, traits));
            add(out, signals, account, new Signal(AccountKey.product(account), SignalKind.ACCOUNT_TRAITS, traitsAt,
                    "group", "", Double.NaN, Map.of("seats", Integer.toString(5 + a))));
            String lateUser = "late-user-" + a;
            for (int e = 0; e < 25 + random.nextInt(30); e++) {
                Instant at = NOW.minus(Duration.ofMinutes(random.nextInt(150 * 24 * 60)));
                boolean byLateUser = e % 6 == 0;
                String user = byLateUser ? lateUser : "user-" + random.nextInt(5);
                AccountKey key = byLateUser ? AccountKey.productUser(lateUser) : AccountKey.product(account);
                add(out, signals, account, new Signal(key, SignalKind.PRODUCT_EVENT, at, names[random.nextInt(names.length)],
                        user, Double.NaN, Map.of()));
            }
            add(out, signals, account, new Signal(AccountKey.product(account), SignalKind.ACCOUNT_TRAITS,
                    NOW.minus(Duration.ofDays(3)), "group", lateUser, Double.NaN, Map.of("plan", "enterprise")));
            for (int t = 0; t < 1 + random.nextInt(4); t++) {
                Instant opened = NOW.minus(Duration.ofDays(1 + random.nextInt(100)));
                add(out, signals, account, new Signal(AccountKey.product(account), SignalKind.TICKET_CREATED, opened,
                        "t-" + a + "-" + t, "", Double.NaN, Map.of("priority", random.nextBoolean() ? "urgent" : "normal")));
                if (random.nextBoolean()) {
                    add(out, signals, account, new Signal(AccountKey.product(account), SignalKind.TICKET_SOLVED,
                            opened.plus(Duration.ofHours(5)), "t-" + a + "-" + t, "", Double.NaN, Map.of()));
                }
            }
            for (int n = 0; n < random.nextInt(3); n++) {
                add(out, signals, account, new Signal(AccountKey.product(account), SignalKind.NPS_ANSWER,
                        NOW.minus(Duration.ofDays(random.nextInt(200))), "NPS Answered", "user-1", random.nextInt(11), Map.of()));
            }
            add(out, signals, account, new Signal(AccountKey.product(account), SignalKind.MILESTONE_REACHED,
                    NOW.minus(Duration.ofDays(random.nextInt(150))), "setup-completed", "", Double.NaN, Map.of()));
            add(out, signals, account, new Signal(AccountKey.product(account), SignalKind.PRODUCT_EVENT,
                    NOW.plus(Duration.ofHours(2)), "Report Viewed", "user-1", Double.NaN, Map.of()));
        }
        return out;
    }

    private static void add(List<InboxEntry> out, List<Signal> signals, String account, Signal s) {
        out.add(new InboxEntry("usage", "m-" + out.size(), s.occurredAt(), "{}", List.of(s)));
        // As the store hands them back: keyed by the account they belong to.
        signals.add(new Signal(AccountKey.product(account), s.kind(), s.occurredAt(), s.name(), s.user(), s.value(),
                s.attributes()));
    }

    /** Each account scored as of now from the generated events alone (only the profile comes from the database). */
    private Map<String, String> fromScratch(Database db, Map<String, List<Signal>> byAccount) {
        ModelScorer scorer = ModelScorer.withDefaults();
        AccountDirectory directory = new AccountDirectory(db);
        Map<String, String> out = new TreeMap<>();
        db.inTransaction(c -> {
            for (Map.Entry<String, List<Signal>> e : byAccount.entrySet()) {
                AccountProfile profile = directory.profile(c, e.getKey()).orElseThrow();
                out.put(e.getKey(), describe(scorer.score(new AccountHistory(profile, e.getValue()), NOW)));
            }
            return null;
        });
        return out;
    }

    private static Map<String, String> stored(Database db) {
        ScoreBook book = new ScoreBook();
        Map<String, String> out = new TreeMap<>();
        db.inTransaction(c -> {
            for (String id : ids(db, "SELECT id FROM account")) out.put(id, describe(book.latest(c, id).orElseThrow()));
            return null;
        });
        return out;
    }

    /** The score as stored: numbers, band, segment, trend and each driver's explanation (stored drivers keep no inputs' types). */
    private static String describe(AccountScore s) {
        StringBuilder out = new StringBuilder(s.healthScore() + " " + s.band() + " risk " + s.churnRisk() + " onboarding "
                + s.onboardingCompletion() + " " + s.segment() + " trend " + s.trend());
        s.drivers().forEach(d -> out.append("; ").append(d.measure()).append(' ').append(d.contribution()).append(' ')
                .append(d.explanation()));
        return out.toString();
    }

    private static Map<String, String> written(Database db) {
        Map<String, String> out = new HashMap<>();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT channel, account_id, payload FROM written_value");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1) + "/" + rs.getString(2), rs.getString(3));
            }
            return null;
        });
        return out;
    }

    private static Map<String, String> firstSeen(Database db) {
        Map<String, String> out = new TreeMap<>();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, first_seen FROM account");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getTimestamp(2).toInstant().toString());
            }
            return null;
        });
        return out;
    }

    private static List<String> ids(Database db, String sql) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        });
    }
}
