package io.csbridge.app.nudges;

import io.csbridge.domain.settings.InvalidDefinition;
import io.csbridge.app.model.SavedVersion;
import io.csbridge.domain.nudge.NudgeDefinitions;
import io.csbridge.domain.nudge.NudgeReplay;
import io.csbridge.domain.nudge.NudgeResults;
import io.csbridge.json.Json;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.account.AccountCatalog;
import io.csbridge.store.nudges.NudgeStore;
import io.csbridge.store.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The nudge definitions as versioned, audited settings (like the alert rules): the version in force,
 * its history, a dry run of a change over the last 30 days, a save; and each nudge's results.
 */
@ApplicationScoped
public class NudgesAdmin {

    static final Duration DRY_RUN_WINDOW = Duration.ofDays(30);
    /** Saves on this node (the EAR's one copy of this class): serving rereads the definitions after one. */
    static final java.util.concurrent.atomic.AtomicLong SAVES = new java.util.concurrent.atomic.AtomicLong();

    /** The definitions in force (none until a version is saved: version 0). */
    public record Current(int version, Instant savedAt, String savedBy, NudgeDefinitions definitions) {
    }

    public record DryRunResult(Instant from, Instant to, NudgeReplay.Result result) {
    }

    /** Definitions that read as JSON but cannot be used, with every problem. */
    public static final class InvalidNudges extends InvalidDefinition {
        InvalidNudges(List<String> problems) {
            super(problems);
        }
    }

    @Inject
    Pipeline pipeline;

    @Inject
    LiveScorer scorer;

    public Current current() {
        var saved = new SettingsStore(pipeline.database()).current(NudgeStore.SETTINGS_NAME);
        return new Current(saved.map(SettingsStore.Version::version).orElse(0),
                saved.map(SettingsStore.Version::createdAt).orElse(null),
                saved.map(SettingsStore.Version::createdBy).orElse(null),
                saved.map(v -> NudgeStore.parse(v.body())).orElseGet(NudgeDefinitions::none));
    }

    public List<SavedVersion> history(int limit) {
        return new SettingsStore(pipeline.database()).history(NudgeStore.SETTINGS_NAME, limit).stream()
                .map(v -> new SavedVersion(v.version(), v.createdAt(), v.createdBy(), v.note())).toList();
    }

    /**
     * @throws InvalidNudges when they read but {@link NudgeDefinitions#problems()} finds something wrong
     * @throws IllegalArgumentException when it is not JSON of nudges
     */
    public NudgeDefinitions parse(String json) {
        NudgeDefinitions d = NudgeStore.parse(json);
        List<String> problems = d.problems();
        if (!problems.isEmpty()) throw new InvalidNudges(problems);
        return d;
    }

    /** Saves {@code definitions} as the next version (audited, in force at once). @return the version */
    public int save(NudgeDefinitions definitions, String by, String note) {
        int version = new SettingsStore(pipeline.database()).save(NudgeStore.SETTINGS_NAME, Json.write(definitions), by,
                note, pipeline.clock().instant());
        SAVES.incrementAndGet();
        return version;
    }

    /** Who would have seen which nudge over the last 30 days, and how many were held back by each cap. */
    public DryRunResult dryRun(NudgeDefinitions definitions) {
        Instant now = pipeline.clock().instant();
        Instant from = now.minus(DRY_RUN_WINDOW);
        var caps = NudgeSettings.caps(ConfigProvider.getConfig());
        var histories = new AccountCatalog(pipeline.database()).histories(now);
        var visits = new NudgeVisits(scorer, new NudgeStore(pipeline.database()), caps.defaultZone()).over(histories, from, now);
        return new DryRunResult(from, now, NudgeReplay.run(definitions, caps, visits));
    }

    /** Each defined nudge's results so far: shown, clicked, dismissed, the goal among shown and holdout. */
    public List<NudgeResults.Result> results() {
        return resultsOf(current().definitions());
    }

    /** These definitions' results so far (the weekly digest's figures). */
    public List<NudgeResults.Result> resultsOf(NudgeDefinitions definitions) {
        return new NudgeOutcomes(pipeline.database(), pipeline.clock().instant()).of(definitions);
    }
}
