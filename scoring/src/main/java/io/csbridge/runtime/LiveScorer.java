package io.csbridge.runtime;

import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.scoring.AccountScorer;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.domain.scoring.ScoringConfig;
import io.csbridge.store.settings.ScoringConfigJson;

import io.csbridge.runtime.Pipeline;
import io.csbridge.store.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.logging.Logger;

/**
 * The scorer the pipeline and the admin API use: the model version in force (the latest saved
 * "scoring" settings, or the defaults until one is saved). Reloaded when a new version is saved on
 * this node, and, for a version saved on another node, when the processor's next batch finds a newer
 * version number ({@link #refreshIfSaved}).
 */
@ApplicationScoped
public class LiveScorer implements AccountScorer {

    private static final Logger LOG = Logger.getLogger(LiveScorer.class.getName());

    /** How often a reader outside the processor (the admin API) looks for a version saved on another node. */
    private static final java.time.Duration READ_CHECK = java.time.Duration.ofSeconds(1);

    @Inject
    Pipeline pipeline;
    @Inject
    java.time.Clock clock;

    private volatile ModelScorer current;
    private volatile Instant checkedAt = Instant.MIN;

    @Override
    public AccountScore score(AccountHistory history, Instant asOf) {
        return model().score(history, asOf);
    }

    @Override
    public AccountSummary summarize(AccountHistory history, Instant asOf) {
        return model().summarize(history, asOf);
    }

    /** The model scorer in force (a version saved on another node is seen within a second). */
    public ModelScorer model() {
        ModelScorer m = current;
        if (m == null) return reload();
        Instant now = clock.instant();
        if (now.isAfter(checkedAt.plus(READ_CHECK))) {
            checkedAt = now;
            try {
                refreshIfSaved();
            } catch (RuntimeException e) { // the database is away: keep scoring with the version in force
                LOG.fine(() -> "model version not checked: " + e.getMessage());
            }
            return current;
        }
        return m;
    }

    /**
     * Called once per batch: has any node saved a newer model? One indexed read of the latest version
     * number; the model is read and parsed again only when it changed.
     */
    public void refreshIfSaved() {
        ModelScorer m = current;
        if (m == null) return; // read on first use anyway
        java.util.OptionalInt latest = new SettingsStore(pipeline.database()).latestVersion(SettingsStore.SCORING);
        if (latest.isPresent() && !String.valueOf(latest.getAsInt()).equals(m.config().version())) reload();
    }

    /** Reads the version in force again (after a save). */
    public synchronized ModelScorer reload() {
        ScoringConfig config = new SettingsStore(pipeline.database()).current(SettingsStore.SCORING)
                .map(v -> ScoringConfigJson.read(v.body()).withVersion(String.valueOf(v.version())))
                .orElseGet(ScoringConfig::defaults);
        ModelScorer m = new ModelScorer(config);
        if (current == null || !config.version().equals(current.config().version())) {
            LOG.info(() -> "scoring model in force: version " + config.version());
        }
        current = m;
        return m;
    }
}
