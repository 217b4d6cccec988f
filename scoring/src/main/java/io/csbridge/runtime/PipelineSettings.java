package io.csbridge.runtime;

import io.csbridge.inbox.Inbox;
import io.csbridge.outbox.RetryPolicy;
import org.eclipse.microprofile.config.Config;

import java.time.Duration;

/**
 * The pipeline's tunables, read from MicroProfile Config once at start: how failed events and failed
 * writes are retried, and how long a worker may go without coming round before the health checks call it stuck.
 */
record PipelineSettings(RetryPolicy eventRetries, RetryPolicy outboxRetries, Duration workerStaleAfter,
                        Duration dailyRescoreLease, Duration dailyRescoreCheck, int inboxQueueEntries) {

    static PipelineSettings from(Config config) {
        // An event that fails: 5 s doubling up to an hour, parked at the 12th failure, unless configured.
        RetryPolicy events = new RetryPolicy(seconds(config, "pipeline.retry-base-seconds", 5),
                seconds(config, "pipeline.retry-cap-seconds", 3600),
                config.getOptionalValue("pipeline.max-attempts", Integer.class).orElse(12), Math::random);
        // One write: 5 s doubling up to 30 min unless configured (tests shorten it).
        RetryPolicy outbox = new RetryPolicy(seconds(config, "outbox.retry-base-seconds", 5),
                seconds(config, "outbox.retry-cap-seconds", 1800), RetryPolicy.standard().maxAttempts(), Math::random);
        // Deliveries waiting for the inbox writer, counted in entries: beyond it, 503 with Retry-After.
        int inboxQueue = config.getOptionalValue("pipeline.inbox-queue-entries", Integer.class).orElse(Inbox.DEFAULT_QUEUE_ENTRIES);
        // The daily rescore: its owner's lease (another node takes the day over once it runs out), how often nodes look.
        return new PipelineSettings(events, outbox, seconds(config, "pipeline.worker-stale-seconds", 900),
                seconds(config, "pipeline.daily-rescore-lease-seconds", 120),
                seconds(config, "pipeline.daily-rescore-check-seconds", 60), inboxQueue);
    }

    /** {@code database.query-timeout-seconds} (60) and {@code database.socket-timeout-seconds} (300); 0 is none. */
    static io.csbridge.store.StatementTimeouts timeouts(Config config) {
        return new io.csbridge.store.StatementTimeouts(
                config.getOptionalValue("database.query-timeout-seconds", Integer.class).orElse(60),
                config.getOptionalValue("database.socket-timeout-seconds", Integer.class).orElse(300));
    }

    private static Duration seconds(Config config, String name, double fallback) {
        return Duration.ofMillis(Math.round(1000 * config.getOptionalValue(name, Double.class).orElse(fallback)));
    }
}
