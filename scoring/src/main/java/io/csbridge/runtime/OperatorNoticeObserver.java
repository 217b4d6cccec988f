package io.csbridge.runtime;

import io.csbridge.alerts.OperatorNotice;
import io.csbridge.alerts.OperatorNotices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.logging.Logger;

/** Queues each {@link OperatorNotice} a connector fires for Slack ({@link OperatorNotices}) on the pipeline's database. */
@ApplicationScoped
public class OperatorNoticeObserver {

    private static final Logger LOG = Logger.getLogger(OperatorNoticeObserver.class.getName());

    @Inject
    Pipeline pipeline;

    void on(@Observes OperatorNotice notice) {
        try {
            OperatorNotices.queue(pipeline.database(), notice);
        } catch (RuntimeException e) {
            // The log line below is the notice then: the condition itself is already logged by the connector.
            LOG.warning("could not queue the operator notice " + notice.kind() + ": " + e.getMessage());
        }
    }
}
