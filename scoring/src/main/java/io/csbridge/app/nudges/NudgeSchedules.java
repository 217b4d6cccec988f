package io.csbridge.app.nudges;

import io.csbridge.runtime.NodeName;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.nudges.NudgePushes;
import io.csbridge.worker.PipelineWorker;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Startup;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * The two background runs of nudges, on managed threads once the pipeline has started: the push sweep
 * ({@link NudgePusher}, every {@code nudges.push-check-seconds}, default 15, doing nothing while
 * {@code nudges.webhook-url} is unset; read at every sweep) and the weekly Slack digest
 * ({@link WeeklyNudgeDigest}, checked every {@code nudges.digest-check-seconds}, default 60;
 * {@code nudges.digest-day} 0 or {@code off} switches it off).
 */
@ApplicationScoped
public class NudgeSchedules {

    private static final String THREAD_FACTORY = "java:jboss/ee/concurrency/factory/default";

    @Inject
    Pipeline pipeline;
    @Inject
    NudgeServing serving;
    @Inject
    NudgesAdmin admin;
    @Inject
    Config config;

    private final List<PipelineWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    void onStartup(@Observes Startup event) {
        pipeline.whenStarted(this::startWorkers);
    }

    private synchronized void startWorkers() {
        NudgePusher pusher = new NudgePusher(serving, new NudgePushes(pipeline.database()), pipeline.clock(),
                () -> config.getOptionalValue("nudges.webhook-url", String.class).filter(s -> !s.isBlank()).isPresent(),
                Duration.ofMinutes(config.getOptionalValue("nudges.push-active-minutes", Integer.class).orElse(30)));
        start(new PipelineWorker("nudge push", pusher::sweep,
                config.getOptionalValue("nudges.push-check-seconds", Integer.class).orElse(15) * 1_000L), "csbridge-nudge-push");
        String day = config.getOptionalValue("nudges.digest-day", String.class).orElse("MONDAY").trim();
        if (!day.equals("0") && !day.equalsIgnoreCase("off")) {
            var schedule = new WeeklyNudgeDigest.Schedule(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)),
                    config.getOptionalValue("nudges.digest-hour", Integer.class).orElse(9),
                    ZoneId.of(config.getOptionalValue("nudges.time-zone", String.class).orElse("Asia/Tokyo")));
            WeeklyNudgeDigest digest = new WeeklyNudgeDigest(pipeline.database(), pipeline.clock(), schedule,
                    () -> admin.current().definitions(), admin::resultsOf, NodeName.of(config));
            start(new PipelineWorker("nudge digest", () -> digest.runIfDue() ? 1 : 0,
                    config.getOptionalValue("nudges.digest-check-seconds", Integer.class).orElse(60) * 1_000L), "csbridge-nudge-digest");
        }
    }

    private void start(PipelineWorker worker, String name) {
        Thread t = threadFactory().newThread(worker);
        t.setName(name);
        t.setDaemon(true);
        t.start();
        workers.add(worker);
        threads.add(t);
    }

    /** Before the application's beans go, so no sweep outlives them. */
    void onShutdown(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        stop();
    }

    @PreDestroy
    synchronized void stop() {
        workers.forEach(PipelineWorker::stop);
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
        threads.clear();
    }

    private static ThreadFactory threadFactory() {
        try {
            return (ThreadFactory) new InitialContext().lookup(THREAD_FACTORY);
        } catch (NamingException e) {
            return Thread::new;
        }
    }
}
