package io.csbridge.domain.alerting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What the alert rules remember between evaluations: when each alert last fired (dedupe and
 * cooldown), how many alerts each owner got per day (cap), snoozes, and the digest waiting to go out.
 * {@link InMemoryAlertLedger} for dry runs and tests; the pipeline keeps a durable one.
 */
public interface AlertLedger {

    Optional<Instant> lastFired(String dedupeKey);

    int sentToOwner(String owner, LocalDate day);

    Optional<Instant> snoozedUntil(String accountId);

    /** An alert that went (or goes) out now. */
    void sent(Alert alert, LocalDate day);

    /** An alert kept for the daily digest; it counts for the cooldown too. */
    void deferred(Alert alert, LocalDate day);

    void snooze(String accountId, Instant until);

    /** Takes the alerts deferred on {@code day}. */
    List<Alert> drainDigest(LocalDate day);

    /** A person acknowledged the alert (Slack {@code cs_ack}). */
    void acknowledge(String alertId, String by, Instant at);
}
