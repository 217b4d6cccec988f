package io.csbridge.bench;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic book of accounts for benchmarks: per account a year of signals, mostly product events
 * from a few users, with traits, tickets, satisfaction ratings, NPS answers and milestones mixed in,
 * shuffled so that every history has to be sorted, as it is after late deliveries.
 */
final class SyntheticBook {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String[] EVENTS = {"Report Viewed", "Report Built", "Dashboard Shared", "Alert Created",
            "Export Run", "Signed In", "Search", "Settings Changed"};
    private static final String[] USERS = {"u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8"};

    private SyntheticBook() {
    }

    static AccountProfile profile(int i) {
        AccountKey key = AccountKey.product("acct-" + i);
        return new AccountProfile(key.value(), "Account " + i, new AccountKeys(List.of(key)), NOW.minusSeconds(365L * 86_400));
    }

    /** {@code events} signals for account {@code i}, in shuffled order. */
    static List<Signal> signals(int i, int events, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        AccountKey key = AccountKey.product("acct-" + i);
        List<Signal> out = new ArrayList<>(events);
        long now = NOW.getEpochSecond();
        // how active this account is: most recent usage between 0 and 120 days ago
        long quiet = random.nextLong(0, 120L * 86_400);
        out.add(new Signal(key, SignalKind.ACCOUNT_TRAITS, Instant.ofEpochSecond(now - 360L * 86_400), "group", "", Double.NaN,
                Map.of("arr", Integer.toString(random.nextInt(1_000, 300_000)), "seats", Integer.toString(random.nextInt(3, 40)),
                        "renewalDate", "2026-0" + random.nextInt(4, 10) + "-15", "startDate", "2025-03-01")));
        for (int e = 1; e < events; e++) {
            long at = now - quiet - random.nextLong(0, 365L * 86_400 - quiet);
            Instant when = Instant.ofEpochSecond(at);
            int roll = random.nextInt(100);
            Signal s;
            if (roll < 88) {
                s = new Signal(key, SignalKind.PRODUCT_EVENT, when, EVENTS[random.nextInt(EVENTS.length)],
                        USERS[random.nextInt(USERS.length)], Double.NaN, Map.of());
            } else if (roll < 93) {
                SignalKind kind = random.nextBoolean() ? SignalKind.TICKET_CREATED : SignalKind.TICKET_SOLVED;
                s = new Signal(key, kind, when, "t" + random.nextInt(20), "", Double.NaN,
                        Map.of("priority", random.nextInt(10) == 0 ? "urgent" : "normal"));
            } else if (roll < 96) {
                s = new Signal(key, SignalKind.SATISFACTION_RATED, when, "t" + random.nextInt(20), "", random.nextInt(2), Map.of());
            } else if (roll < 98) {
                s = new Signal(key, SignalKind.NPS_ANSWER, when, "NPS Answered", USERS[random.nextInt(USERS.length)],
                        random.nextInt(11), Map.of());
            } else {
                s = new Signal(key, SignalKind.MILESTONE_REACHED, when, random.nextBoolean() ? "setup-completed" : "first-value",
                        "", Double.NaN, Map.of());
            }
            out.add(s);
        }
        return out;
    }
}
