package io.csbridge.app.lookup;

import io.csbridge.domain.account.HealthLookup;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.account.AccountHealthFinder;
import io.csbridge.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What Slack's {@code /health} command calls: the account a person typed (a name, part of one, a web
 * domain, a key) and its current health, read from the latest saved scores. Reads only; nothing is stored.
 */
@ApplicationScoped
public class AccountHealthQuery {

    private Pipeline pipeline;

    protected AccountHealthQuery() {
        // for the CDI proxy
    }

    @Inject
    public AccountHealthQuery(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Looks the account up: by web domain, then any key or account id, then its exact name, then a name
     * containing the text.
     *
     * @throws Unavailable when the scores cannot be read right now (a query failed)
     * @throws io.csbridge.inbox.PipelineUnavailableException when the database cannot be reached at all (answer 503)
     */
    public HealthLookup find(String text) {
        var finder = new AccountHealthFinder(pipeline.database().dataSource());
        try {
            return finder.find(text);
        } catch (Database.DatabaseException e) {
            throw new Unavailable(e);
        }
    }

    /** The database failed while looking up: the asker may try again in a minute. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }
}
