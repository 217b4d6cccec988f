package io.csbridge.app.intake;

import io.csbridge.inbox.Inbox;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.runtime.Pipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;

/**
 * What the inbound adapters (webhooks) call: hand verified, translated deliveries to the inbox and
 * learn how many were new. Returns only after the commit, so the sender's 2xx means durable; throws
 * {@link io.csbridge.inbox.PipelineUnavailableException} (answer 503) when the database cannot commit.
 */
@ApplicationScoped
public class EventIntake {

    @Inject
    Pipeline pipeline;

    public EventIntake() {
        // for CDI, which injects the pipeline
    }

    /** An intake on the given pipeline, outside CDI (tests). */
    public EventIntake(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Commits the entries (a repeated source and dedupe key is ignored) and says what was new. */
    public Inbox.Accepted accept(List<InboxEntry> entries) {
        Inbox.Accepted accepted = pipeline.inbox().accept(entries);
        for (InboxEntry entry : entries) io.csbridge.metrics.NodeCounts.INSTANCE.accepted.count(entry.source());
        return accepted;
    }

    /** The one clock, for adapters that stamp what they translate (e.g. a message without a timestamp). */
    public Clock clock() {
        return pipeline.clock();
    }
}
