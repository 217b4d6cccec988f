package io.csbridge.outbox;

import io.csbridge.worker.PipelineWorker;
import io.csbridge.worker.WorkerHealth;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * The outbox's delivery workers: one per deployed channel, and one for writes whose channel no connector
 * serves. Each claims only its own channel's due writes (with leases and SKIP LOCKED, as two nodes do), so
 * a slow vendor (Zendesk polling its jobs, Slack pacing its messages) never holds up another's writes.
 */
public final class OutboxWorkers {

    private final List<PipelineWorker> workers = new ArrayList<>();
    private final List<String> threadNames = new ArrayList<>();

    /**
     * @param lingers    each channel's linger
     * @param scoring    what the processor is doing: whether more writes may be on their way
     * @param idleMillis how often a worker looks again when it has not been nudged (retries coming due)
     */
    public OutboxWorkers(OutboxDelivery delivery, List<DeliveryChannel> channels, Function<DeliveryChannel, Linger> lingers,
                  ScoringProgress scoring, Clock clock, long idleMillis) {
        List<String> served = new ArrayList<>();
        for (DeliveryChannel channel : channels) {
            served.add(channel.name());
            ChannelDelivery turn = new ChannelDelivery(delivery, channel, lingers.apply(channel), scoring, clock);
            workers.add(new PipelineWorker("outbox delivery to " + channel.name(), turn::step, idleMillis, turn::untilDue));
            threadNames.add("csbridge-outbox-" + channel.name());
        }
        List<String> names = List.copyOf(served);
        workers.add(new PipelineWorker("outbox delivery without a connector", () -> delivery.deliverUnserved(names),
                idleMillis));
        threadNames.add("csbridge-outbox-unserved");
    }

    public void start(ThreadFactory threads) {
        for (int i = 0; i < workers.size(); i++) {
            Thread t = threads.newThread(workers.get(i));
            t.setName(threadNames.get(i));
            t.setDaemon(true);
            t.start();
        }
    }

    /** Each worker's thread: alive and coming round, or not. */
    public List<WorkerHealth> health() {
        return workers.stream().map(PipelineWorker::health).toList();
    }

    /** New writes may be due: every worker looks now. */
    public void nudge() {
        for (PipelineWorker w : workers) w.nudge();
    }

    public void stop() {
        for (PipelineWorker w : workers) w.stop();
    }

    /** Waits up to {@code millis} in all for the workers to finish their current deliveries. */
    public void join(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        for (PipelineWorker w : workers) {
            Thread t = w.thread();
            if (t == null) continue;
            try {
                t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
