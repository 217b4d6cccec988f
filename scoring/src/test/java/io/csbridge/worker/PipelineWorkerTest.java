package io.csbridge.worker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A pipeline loop survives whatever its step throws, and its heartbeat tells alive from dead or stuck. */
class PipelineWorkerTest {

    @Test
    void aStepThatThrowsAnErrorDoesNotEndTheWorker() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch recovered = new CountDownLatch(1);
        PipelineWorker worker = new PipelineWorker("test worker", () -> {
            int n = calls.incrementAndGet();
            if (n == 1) throw new StackOverflowError("a bug");
            if (n == 2) throw new OutOfMemoryError("a burst");
            if (n == 3) throw new IllegalStateException("the database restarts");
            recovered.countDown();
            return 0;
        }, 1);
        Thread thread = new Thread(worker);
        thread.start();
        try {
            assertThat(recovered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(thread.isAlive()).isTrue();
            assertThat(worker.health().state()).isEqualTo(WorkerHealth.State.ALIVE);
        } finally {
            worker.stop();
            thread.join(5_000);
        }
        assertThat(worker.health().state()).isEqualTo(WorkerHealth.State.DEAD);
    }

    @Test
    void aWorkerStuckInOneStepIsStaleAndAnEndedThreadIsDead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        PipelineWorker worker = new PipelineWorker("stuck worker", () -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }, 1, () -> null, Duration.ofMillis(50));
        assertThat(worker.health().state()).isEqualTo(WorkerHealth.State.NOT_STARTED);
        Thread thread = new Thread(worker);
        thread.start();
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(worker.health().state()).isEqualTo(WorkerHealth.State.STALE);
        worker.stop();
        release.countDown();
        thread.join(5_000);
        assertThat(worker.health().state()).isEqualTo(WorkerHealth.State.DEAD);
        assertThat(worker.health().alive()).isFalse();
    }
}
