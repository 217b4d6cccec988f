package io.csbridge.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** The scorer the pipeline uses. */
@ApplicationScoped
public class ScorerProducer {

    @Produces
    @ApplicationScoped
    public AccountScorer scorer() {
        return new ActivityScorer();
    }
}
