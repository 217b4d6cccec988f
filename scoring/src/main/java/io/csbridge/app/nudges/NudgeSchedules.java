package io.csbridge.app.nudges;

import io.csbridge.runtime.NodeName;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.nudges.NudgePushes;
import io.csbridge.runtime.ManagedThreads;
import io.csbridge.worker.BackgroundWorkers;
import io.csbridge.worker.PipelineWorker;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * The two background runs of nudges, on managed threads once the pipeline has started: the push sweep
 * ({@link NudgePusher}, every {@code nudges.push-check-seconds}, default 15, doing nothing while
 * {@code nudges.webhook-url} is unset; read at every sweep) and the weekly Slack digest
 * ({@link WeeklyNudgeDigest}, checked every {@code nudges.digest-check-seconds}, default 60;
 * {@code nudges.digest-day} 0 or {@code off} switches it off).
 */
@ApplicationScoped
public class NudgeSchedules {

    @Inject
    Pipeline pipeline;
    @Inject
    NudgeServing serving;
    @Inject
    NudgesAdmin admin;
    @Inject
    Config config;

    private final BackgroundWorkers workers = new BackgroundWorkers(ManagedThreads.factory());

    void onStartup(@Observes Startup event) {
        pipeline.whenStarted(this::startWorkers);
    }

    private synchronized void startWorkers() {
        NudgePusher pusher = new NudgePusher(serving, new NudgePushes(pipeline.database()), pipeline.clock(),
                () -> config.getOptionalValue("nudges.webhook-url", String.class).filter(s -> !s.isBlank()).isPresent(),
                Duration.ofMinutes(config.getOptionalValue("nudges.push-active-minutes", Integer.class).orElse(30)));
        workers.start(new PipelineWorker("nudge push", pusher::sweep,
                config.getOptionalValue("nudges.push-check-seconds", Integer.class).orElse(15) * 1_000L), "csbridge-nudge-push");
        String day = config.getOptionalValue("nudges.digest-day", String.class).orElse("MONDAY").trim();
        if (!day.equals("0") && !day.equalsIgnoreCase("off")) {
            var schedule = new WeeklyNudgeDigest.Schedule(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)),
                    config.getOptionalValue("nudges.digest-hour", Integer.class).orElse(9),
                    ZoneId.of(config.getOptionalValue("nudges.time-zone", String.class).orElse("Asia/Tokyo")));
            WeeklyNudgeDigest digest = new WeeklyNudgeDigest(pipeline.database(), pipeline.clock(), schedule,
                    () -> admin.current().definitions(), admin::resultsOf, NodeName.of(config));
            workers.start(new PipelineWorker("nudge digest", () -> digest.runIfDue() ? 1 : 0,
                    config.getOptionalValue("nudges.digest-check-seconds", Integer.class).orElse(60) * 1_000L), "csbridge-nudge-digest");
        }
    }

    /** Before the application's beans go, so no sweep outlives them. */
    void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    @PreDestroy
    void stop() {
        workers.stopAll(Duration.ofSeconds(10));
    }
}
