package io.csbridge.domain.scoring;

import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;

import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first, simple health measure: on how many of the last 30 days the product was used.
 * Used daily (20+ active days) scores 100; no use scores 0. The full multi-measure model replaces
 * this as the default scorer; it stays as the measure "activity".
 */
public final class ActivityScorer implements AccountScorer {

    static final Duration WINDOW = Duration.ofDays(30);
    static final int DAYS_FOR_FULL_MARKS = 20;

    @Override
    public AccountScore score(AccountHistory history, Instant asOf) {
        int now = activeDays(history, asOf);
        int before = activeDays(history, asOf.minus(WINDOW));
        int health = Math.min(100, now * 100 / DAYS_FOR_FULL_MARKS);
        int previousHealth = Math.min(100, before * 100 / DAYS_FOR_FULL_MARKS);
        Band band = health >= 70 ? Band.GREEN : health >= 40 ? Band.YELLOW : Band.RED;
        Driver activity = new Driver("activity", health, health,
                "active on " + now + " of the last 30 days",
                Map.of("activeDays30d", now, "activeDaysPrevious30d", before));
        List<String> stale = new ArrayList<>();
        if (now == 0) stale.add("activity");
        int risk = 100 - health;
        return new AccountScore(health, band, risk, 0, "unassigned", health - previousHealth,
                List.of(activity), stale, asOf);
    }

    static int activeDays(AccountHistory history, Instant asOf) {
        Instant from = asOf.minus(WINDOW);
        Set<Long> days = new HashSet<>();
        for (Signal signal : history.upTo(asOf)) {
            if (signal.occurredAt().isAfter(from) && isUsage(signal.kind())) {
                days.add(signal.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate().toEpochDay());
            }
        }
        return days.size();
    }

    private static boolean isUsage(SignalKind kind) {
        return kind == SignalKind.PRODUCT_EVENT || kind == SignalKind.PAGE_VIEW;
    }
}
