package io.csbridge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The scorer the pipeline uses: the full model with the default configuration. Storing and changing
 * the configuration through the admin API is the admin module's; it builds a new {@link ModelScorer}
 * from the saved {@link ScoringConfig}.
 */
@ApplicationScoped
public class ScorerProducer {

    @Produces
    @ApplicationScoped
    public AccountScorer scorer() {
        return ModelScorer.withDefaults();
    }
}
