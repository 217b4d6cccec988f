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
 * "scoring" settings, or the defaults until one is saved). Reloaded when a new version is saved.
 */
@ApplicationScoped
public class LiveScorer implements AccountScorer {

    private static final Logger LOG = Logger.getLogger(LiveScorer.class.getName());

    @Inject
    Pipeline pipeline;

    private volatile ModelScorer current;

    @Override
    public AccountScore score(AccountHistory history, Instant asOf) {
        return model().score(history, asOf);
    }

    @Override
    public AccountSummary summarize(AccountHistory history, Instant asOf) {
        return model().summarize(history, asOf);
    }

    /** The model scorer in force. */
    public ModelScorer model() {
        ModelScorer m = current;
        if (m == null) {
            m = reload();
        }
        return m;
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
