package io.csbridge.store.pipeline;

import io.csbridge.store.Database;

import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.PendingWrites;
import io.csbridge.outbox.Settlement;
import io.csbridge.outbox.VendorCall;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The outbox delivery's {@link PendingWrites} on the {@code outbox} table, one transaction per call. */
public final class OutboxPendingWrites implements PendingWrites {

    private final Database database;
    private final OutboxStore store;

    public OutboxPendingWrites(Database database) {
        this.database = database;
        this.store = new OutboxStore(database.dialect());
    }

    @Override
    public List<OutboundWrite> claimDue(String channel, Instant now, int limit, Duration lease) {
        List<OutboxStore.Claimed> claimed = database.inTransaction(c -> store.claimDue(c, now, channel, limit, lease));
        List<OutboundWrite> out = new ArrayList<>(claimed.size());
        for (OutboxStore.Claimed w : claimed) out.add(write(w));
        return out;
    }

    @Override
    public Map<String, List<OutboundWrite>> claimDueExcept(List<String> channels, Instant now, int limit, Duration lease) {
        List<OutboxStore.Claimed> orphans = database.inTransaction(c -> store.claimDueExcept(c, now, channels, limit, lease));
        Map<String, List<OutboundWrite>> byChannel = new LinkedHashMap<>();
        for (OutboxStore.Claimed w : orphans) byChannel.computeIfAbsent(w.channel(), k -> new ArrayList<>()).add(write(w));
        return byChannel;
    }

    @Override
    public int countDue(String channel, Instant now, int upTo) {
        return database.inTransaction(c -> store.countDue(c, now, channel, upTo));
    }

    @Override
    public void recordSandbox(String channel, List<OutboundWrite> batch, List<VendorCall> calls, Instant now) {
        database.inTransaction(c -> {
            Long callId = null;
            for (VendorCall call : calls) {
                long id = store.recordSandboxCall(c, channel, batch.get(0).outboxId(), call, now);
                if (callId == null) callId = id;
            }
            for (OutboundWrite w : batch) store.delivered(c, w.outboxId(), now, "sandbox", callId);
            return null;
        });
    }

    @Override
    public void settle(List<Settlement> settlements, Instant now) {
        database.inTransaction(c -> {
            for (Settlement s : settlements) {
                switch (s.result()) {
                    case DELIVERED -> store.delivered(c, s.outboxId(), now);
                    case DEAD -> store.dead(c, s.outboxId(), s.error());
                    case RETRY -> store.retryAt(c, s.outboxId(), s.next(), s.error());
                }
            }
            return null;
        });
    }

    private static OutboundWrite write(OutboxStore.Claimed w) {
        return new OutboundWrite(w.id(), w.accountId(), w.target(), w.fields(), w.createdAt(), w.attempt());
    }
}
