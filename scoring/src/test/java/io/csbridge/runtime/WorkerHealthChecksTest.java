package io.csbridge.runtime;

import io.csbridge.store.Database;
import io.csbridge.testing.TestDatabase;
import io.csbridge.worker.PipelineWorker;
import io.csbridge.worker.WorkerHealth;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /health/ready} and {@code /health/live} go DOWN when a pipeline worker has died. */
class WorkerHealthChecksTest {

    final Database db = TestDatabase.fresh();

    static {
        // Outside the server no MicroProfile Health implementation is there: a plain builder stands in.
        HealthCheckResponse.setResponseProvider(PlainBuilder::new);
    }

    @Test
    void readyAndLiveWhileEveryWorkerComesRoundDownWhenOneHasDied() throws Exception {
        PipelineWorker running = new PipelineWorker("event processor", () -> 0, 10);
        Thread alive = new Thread(running);
        alive.start();
        PipelineWorker ended = new PipelineWorker("outbox delivery to slack", () -> 0, 10);
        Thread dead = new Thread(ended);
        dead.start();
        try {
            waitUntilStarted(running, ended);
            FakePipeline pipeline = new FakePipeline(db, List.of(running, ended));
            assertThat(readiness(pipeline).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
            assertThat(liveness(pipeline).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

            ended.stop();
            dead.join(5_000);
            HealthCheckResponse ready = readiness(pipeline);
            assertThat(ready.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(ready.getData().orElseThrow().get("outbox delivery to slack").toString()).startsWith("DEAD");
            assertThat(liveness(pipeline).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        } finally {
            running.stop();
            alive.join(5_000);
        }
    }

    @Test
    void aPipelineStillStartingIsNotReadyButLive() {
        FakePipeline starting = new FakePipeline(db, List.of());
        starting.ready = false;
        assertThat(readiness(starting).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(liveness(starting).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    private static void waitUntilStarted(PipelineWorker... workers) throws InterruptedException {
        for (PipelineWorker w : workers) {
            for (int i = 0; i < 500 && w.health().state() == WorkerHealth.State.NOT_STARTED; i++) Thread.sleep(10);
        }
    }

    private static HealthCheckResponse readiness(Pipeline pipeline) {
        PipelineReadiness check = new PipelineReadiness();
        check.pipeline = pipeline;
        return check.call();
    }

    private static HealthCheckResponse liveness(Pipeline pipeline) {
        PipelineLiveness check = new PipelineLiveness();
        check.pipeline = pipeline;
        return check.call();
    }

    /** The pipeline as the checks see it: ready or not, its database, its workers. */
    static final class FakePipeline extends Pipeline {
        private final Database database;
        private final List<PipelineWorker> workers;
        boolean ready = true;

        FakePipeline(Database database, List<PipelineWorker> workers) {
            this.database = database;
            this.workers = workers;
        }

        @Override
        public boolean ready() {
            return ready;
        }

        @Override
        public Database database() {
            return database;
        }

        @Override
        public List<WorkerHealth> workers() {
            return ready ? workers.stream().map(PipelineWorker::health).toList() : List.of();
        }
    }

    /** Builds a plain {@link HealthCheckResponse}. */
    static final class PlainBuilder extends HealthCheckResponseBuilder {
        private String name;
        private boolean up;
        private final Map<String, Object> data = new LinkedHashMap<>();

        public HealthCheckResponseBuilder name(String name) { this.name = name; return this; }
        public HealthCheckResponseBuilder withData(String key, String value) { data.put(key, value); return this; }
        public HealthCheckResponseBuilder withData(String key, long value) { data.put(key, value); return this; }
        public HealthCheckResponseBuilder withData(String key, boolean value) { data.put(key, value); return this; }
        public HealthCheckResponseBuilder up() { up = true; return this; }
        public HealthCheckResponseBuilder down() { up = false; return this; }
        public HealthCheckResponseBuilder status(boolean up) { this.up = up; return this; }

        public HealthCheckResponse build() {
            return new HealthCheckResponse(name, up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
                    Optional.of(Map.copyOf(data)));
        }
    }
}
