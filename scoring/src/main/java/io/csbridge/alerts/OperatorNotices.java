package io.csbridge.alerts;

import io.csbridge.store.Database;
import io.csbridge.store.pipeline.OutboxStore;
import io.csbridge.vendors.ChannelNames;

import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Queues each {@link OperatorNotice} as a Slack message ({@code type: notice}) on the outbox: durable,
 * retried like any write, and de-duplicated per kind per UTC day, so a deferral that lasts all day is
 * told once, not at every re-check. The running server observes the notices in
 * {@code runtime.OperatorNoticeObserver}.
 */
public final class OperatorNotices {

    private static final Logger LOG = Logger.getLogger(OperatorNotices.class.getName());

    private OperatorNotices() {
    }

    /** @return whether it was queued (false: that kind was already told today) */
    public static boolean queue(Database database, OperatorNotice notice) {
        OutboxStore outbox = new OutboxStore(database.dialect());
        String day = notice.at().atOffset(ZoneOffset.UTC).toLocalDate().toString();
        Map<String, Object> fields = new LinkedHashMap<>(notice.values());
        fields.put("type", "notice");
        fields.put("kind", notice.kind());
        fields.put("at", notice.at().toString());
        boolean queued = database.transaction(tx -> outbox.enqueue(tx, ChannelNames.SLACK, "operator",
                "notice:" + notice.kind(), fields, notice.at(), "notice:" + notice.kind() + ":" + day));
        if (queued) LOG.info(() -> "operator notice " + notice.kind() + " queued for Slack");
        return queued;
    }
}
