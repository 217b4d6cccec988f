package io.csbridge.alerts;

import io.csbridge.runtime.Pipeline;
import io.csbridge.store.Database;
import io.csbridge.store.OutboxStore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Queues each {@link OperatorNotice} as a Slack message ({@code type: notice}) on the outbox: durable,
 * retried like any write, and de-duplicated per kind per UTC day, so a deferral that lasts all day is
 * told once, not at every re-check.
 */
@ApplicationScoped
public class OperatorNotices {

    private static final Logger LOG = Logger.getLogger(OperatorNotices.class.getName());

    @Inject
    Pipeline pipeline;

    void on(@Observes OperatorNotice notice) {
        try {
            queue(pipeline.database(), notice);
        } catch (RuntimeException e) {
            // The log line below is the notice then: the condition itself is already logged by the connector.
            LOG.warning("could not queue the operator notice " + notice.kind() + ": " + e.getMessage());
        }
    }

    /** @return whether it was queued (false: that kind was already told today) */
    static boolean queue(Database database, OperatorNotice notice) {
        OutboxStore outbox = new OutboxStore(database.dialect());
        String day = notice.at().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        Map<String, Object> fields = new LinkedHashMap<>(notice.values());
        fields.put("type", "notice");
        fields.put("kind", notice.kind());
        fields.put("at", notice.at().toString());
        boolean queued = database.inTransaction(c -> outbox.enqueue(c, AccountAlerts.SLACK, "operator",
                "notice:" + notice.kind(), fields, notice.at(), "notice:" + notice.kind() + ":" + day));
        if (queued) LOG.info(() -> "operator notice " + notice.kind() + " queued for Slack");
        return queued;
    }
}
