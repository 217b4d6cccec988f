package io.csbridge.runtime;

import io.csbridge.store.alerts.AlertThreadStore;
import io.csbridge.store.alerts.SlackUserLookupStore;

import io.csbridge.domain.alerting.AlertThreads;
import io.csbridge.domain.alerting.SlackUserLookups;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

/**
 * The database behind the Slack connector's memory (alert threads, e-mail lookups). Made on first use,
 * which is a delivery, so the pipeline has started and migrated the schema by then.
 */
@ApplicationScoped
public class SlackStoreProducer {

    @Inject
    Pipeline pipeline;

    @Produces
    @ApplicationScoped
    public AlertThreads alertThreads() {
        return new AlertThreadStore(pipeline.database());
    }

    @Produces
    @ApplicationScoped
    public SlackUserLookups slackUserLookups() {
        return new SlackUserLookupStore(pipeline.database());
    }
}
