package io.csbridge.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

import io.csbridge.worker.FailureLog;
import io.csbridge.worker.Heartbeat;
import io.csbridge.worker.WorkerHealth;

/**
 * The front door of the pipeline. {@link #accept} returns only once the entries are committed, so
 * a sender gets its 2xx only for what is durable. Concurrent deliveries are committed together by
 * one writer thread (group commit): one transaction serves many requests. The writer survives anything a
 * commit throws (the requests of that commit are answered with the failure) and keeps a {@link Heartbeat}.
 */
public final class Inbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Inbox.class.getName());
    private static final int MAX_ENTRIES_PER_COMMIT = 2_000;
    private static final long ACCEPT_TIMEOUT_SECONDS = 30;
    private static final String WRITER = "inbox writer";
    /** The default bound of {@link #queuedEntries}: ten full commits waiting. */
    public static final int DEFAULT_QUEUE_ENTRIES = 20_000;
    /** What a sender refused for a full queue is told to wait, in seconds. */
    static final int FULL_RETRY_AFTER_SECONDS = 2;

    /** What became of one delivery: how many of its messages were new and how many repeats. */
    public record Accepted(int fresh, int duplicates) {
    }

    private record Pending(List<InboxEntry> entries, CompletableFuture<Accepted> done) {
    }

    private final InboxRows rows;
    private final Clock clock;
    private final Runnable onCommitted;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final int maxQueuedEntries;
    private final java.util.concurrent.atomic.AtomicInteger queuedEntries = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread writer;
    private final Heartbeat heartbeat = new Heartbeat(WRITER, Duration.ofMinutes(2));
    private final FailureLog failures = new FailureLog(LOG, WRITER);
    private volatile boolean running = true;

    public Inbox(InboxRows rows, Clock clock, ThreadFactory threads, Runnable onCommitted) {
        this(rows, clock, threads, onCommitted, DEFAULT_QUEUE_ENTRIES);
    }

    /**
     * @param maxQueuedEntries how many entries may wait for the writer ({@code pipeline.inbox-queue-entries});
     *                         beyond it a delivery is refused at once ({@link InboxFullException}, 503 with
     *                         Retry-After) instead of queueing without bound. One delivery larger than the
     *                         bound is still taken when nothing waits.
     */
    public Inbox(InboxRows rows, Clock clock, ThreadFactory threads, Runnable onCommitted, int maxQueuedEntries) {
        this.maxQueuedEntries = Math.max(1, maxQueuedEntries);
        this.rows = rows;
        this.clock = clock;
        this.onCommitted = onCommitted;
        this.writer = threads.newThread(this::writeLoop);
        this.writer.setName("csbridge-inbox-writer");
        this.writer.start();
    }

    /**
     * Stores the entries durably, once per (source, dedupe key).
     *
     * @throws InboxUnavailableException if they could not be committed (the sender should retry)
     */
    public Accepted accept(List<InboxEntry> entries) {
        if (entries.isEmpty()) return new Accepted(0, 0);
        if (!running) throw new InboxUnavailableException("the inbox is shutting down", null);
        int n = entries.size();
        int before = queuedEntries.getAndAdd(n);
        if (before > 0 && before + n > maxQueuedEntries) {
            queuedEntries.addAndGet(-n);
            throw new InboxFullException(before);
        }
        Pending pending = new Pending(entries, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.done().get(ACCEPT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InboxUnavailableException("interrupted while storing", e);
        } catch (ExecutionException e) {
            throw new InboxUnavailableException("the database did not take the event: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new InboxUnavailableException("the database did not answer in time", e);
        }
    }

    private void writeLoop() {
        heartbeat.started();
        List<Pending> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            heartbeat.beat();
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                group.clear();
                group.add(first);
                int size = first.entries().size();
                Pending next;
                while (size < MAX_ENTRIES_PER_COMMIT && (next = queue.poll()) != null) {
                    group.add(next);
                    size += next.entries().size();
                }
                queuedEntries.addAndGet(-size);
                commit(group);
                failures.succeeded();
            } catch (InterruptedException e) {
                if (!running) break;
            } catch (Throwable e) {
                for (Pending p : group) p.done().completeExceptionally(e);
                failures.failed(e, 100);
                LockSupport.parkNanos(100_000_000L);
            }
        }
    }

    /** How many entries wait for the writer now. */
    int queuedEntries() {
        return queuedEntries.get();
    }

    /** Whether the writer thread is alive and its loop comes round. */
    public WorkerHealth health() {
        return heartbeat.health();
    }

    private void commit(List<Pending> group) {
        try {
            List<List<InboxEntry>> entries = new ArrayList<>(group.size());
            for (Pending p : group) entries.add(p.entries());
            List<boolean[]> stored = rows.insertTogether(entries, clock);
            List<Accepted> results = new ArrayList<>(group.size());
            for (boolean[] fresh : stored) {
                int n = 0;
                for (boolean f : fresh) if (f) n++;
                results.add(new Accepted(n, fresh.length - n));
            }
            for (int i = 0; i < group.size(); i++) group.get(i).done().complete(results.get(i));
        } catch (RuntimeException | Error groupFailure) {
            if (group.size() == 1) {
                group.get(0).done().completeExceptionally(groupFailure);
            } else {
                // One request's failure must not fail the others: commit each alone.
                for (Pending p : group) commit(List.of(p));
                return;
            }
        }
        onCommitted.run();
    }

    @Override
    public void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("shut down before commit"));
        }
    }

    /** The inbox could not make an event durable; nothing was acknowledged. */
    public static class InboxUnavailableException extends RuntimeException {
        public InboxUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }

        /** How long the sender should wait before retrying (the 503's Retry-After), in seconds. */
        public int retryAfterSeconds() {
            return 5;
        }
    }

    /** The queue in front of the writer is full: refused before anything was queued, so nothing was acknowledged. */
    public static final class InboxFullException extends InboxUnavailableException {
        InboxFullException(int waiting) {
            super("the inbox queue is full (" + waiting + " entries waiting to be stored)", null);
        }

        @Override
        public int retryAfterSeconds() {
            return FULL_RETRY_AFTER_SECONDS;
        }
    }
}
