package io.csbridge.processing;

import io.csbridge.alerts.OperatorNotice;
import io.csbridge.alerts.OperatorNotices;
import io.csbridge.outbox.RetryPolicy;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.InboxStore;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What happens to an acknowledged event whose processing failed on its own: it is tried again with
 * backoff, and parked as FAILED only when a failure that is not transient comes after its attempts ran
 * out; parking raises an operator notice. A transient failure (the database unreachable, out of resources,
 * a timeout, a lock: {@link Database#isTransient}, or the JVM out of memory) never parks an event.
 */
final class FailedAttempts {

    private static final Logger LOG = Logger.getLogger(FailedAttempts.class.getName());

    /** The default: from 5 s doubling up to an hour, parked at the 12th failure (after about 1 to 2.5 hours). */
    static final RetryPolicy STANDARD = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1), 12, Math::random);

    private final Database database;
    private final InboxStore inbox;
    private final RetryPolicy policy;

    FailedAttempts(Database database, InboxStore inbox, RetryPolicy policy) {
        this.database = database;
        this.inbox = inbox;
        this.policy = policy;
    }

    /** Whether running the same work again later may succeed, whatever the event holds. */
    static boolean isTransient(Throwable failure) {
        return Database.isTransient(failure) || failure instanceof OutOfMemoryError;
    }

    /**
     * Records that processing event {@code inboxId} failed with {@code failure} at {@code now}.
     *
     * @throws RuntimeException if even that cannot be recorded (the database is down): the event stays as it was
     */
    void failed(long inboxId, Throwable failure, Instant now) {
        boolean retriable = isTransient(failure);
        String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        InboxStore.Failure outcome = inbox.recordFailure(inboxId, error, now,
                attempts -> !retriable && policy.exhausted(attempts) ? null : now.plus(policy.delayAfter(attempts, null)));
        if (!outcome.parked()) {
            LOG.log(Level.WARNING, "inbox event " + inboxId + " failed (attempt " + outcome.attempts() + "), tried again "
                    + "later: " + error, retriable ? null : failure);
            return;
        }
        LOG.log(Level.SEVERE, "inbox event " + inboxId + " failed " + outcome.attempts() + " times and is parked as FAILED "
                + "(GET /admin/api/pipeline/failed; POST .../{id}/retry): " + error, failure);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", inboxId);
        values.put("attempts", outcome.attempts());
        values.put("error", error.length() > 300 ? error.substring(0, 300) + "..." : error);
        try {
            OperatorNotices.queue(database, new OperatorNotice(OperatorNotice.PIPELINE_EVENT_PARKED, values, now));
        } catch (RuntimeException e) {
            LOG.warning("could not queue the operator notice for parked event " + inboxId + ": " + e.getMessage());
        }
    }
}
