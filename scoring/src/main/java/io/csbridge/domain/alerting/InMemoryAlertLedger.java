package io.csbridge.domain.alerting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The ledger in memory: for dry runs, tests, and a single node that may forget on restart. */
public final class InMemoryAlertLedger implements AlertLedger {

    private final Map<String, Instant> fired = new HashMap<>();
    private final Map<String, Integer> perOwnerDay = new HashMap<>();
    private final Map<String, Instant> snoozes = new HashMap<>();
    private final Map<LocalDate, List<Alert>> digest = new HashMap<>();
    private final Map<String, String> acknowledged = new HashMap<>();

    @Override
    public synchronized Optional<Instant> lastFired(String dedupeKey) {
        return Optional.ofNullable(fired.get(dedupeKey));
    }

    @Override
    public synchronized int sentToOwner(String owner, LocalDate day) {
        return perOwnerDay.getOrDefault(owner + "|" + day, 0);
    }

    @Override
    public synchronized Optional<Instant> snoozedUntil(String accountId) {
        return Optional.ofNullable(snoozes.get(accountId));
    }

    @Override
    public synchronized void sent(Alert alert, LocalDate day) {
        fired.put(alert.dedupeKey(), alert.at());
        if (alert.owner() != null) perOwnerDay.merge(alert.owner() + "|" + day, 1, Integer::sum);
    }

    @Override
    public synchronized void deferred(Alert alert, LocalDate day) {
        fired.put(alert.dedupeKey(), alert.at());
        digest.computeIfAbsent(day, d -> new ArrayList<>()).add(alert);
    }

    @Override
    public synchronized void snooze(String accountId, Instant until) {
        snoozes.merge(accountId, until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public synchronized List<Alert> drainDigest(LocalDate day) {
        List<Alert> out = digest.remove(day);
        return out == null ? List.of() : out;
    }

    @Override
    public synchronized void acknowledge(String alertId, String by, Instant at) {
        acknowledged.putIfAbsent(alertId, by);
    }

    /** Who acknowledged the alert, if anyone. */
    public synchronized Optional<String> acknowledgedBy(String alertId) {
        return Optional.ofNullable(acknowledged.get(alertId));
    }
}
