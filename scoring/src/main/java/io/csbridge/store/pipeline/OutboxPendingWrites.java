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

/**
 * The outbox delivery's {@link PendingWrites} on the {@code outbox} table, one transaction per call;
 * claims, leases and token-checked settlements as {@link OutboxClaims} records them.
 */
public final class OutboxPendingWrites implements PendingWrites {

    private final Database database;
    private final OutboxStore store;
    private final OutboxClaims claims;

    public OutboxPendingWrites(Database database) {
        this.database = database;
        this.store = new OutboxStore(database.dialect());
        this.claims = store.claims();
    }

    @Override
    public List<OutboundWrite> claimDue(String channel, Instant now, int limit, Duration lease) {
        List<OutboxClaims.Claimed> claimed = database.inTransaction(c -> store.claimDue(c, now, channel, limit, lease));
        List<OutboundWrite> out = new ArrayList<>(claimed.size());
        for (OutboxClaims.Claimed w : claimed) out.add(write(w));
        return out;
    }

    @Override
    public Map<String, List<OutboundWrite>> claimDueExcept(List<String> channels, Instant now, int limit, Duration lease) {
        List<OutboxClaims.Claimed> orphans = database.inTransaction(c -> store.claimDueExcept(c, now, channels, limit, lease));
        Map<String, List<OutboundWrite>> byChannel = new LinkedHashMap<>();
        for (OutboxClaims.Claimed w : orphans) byChannel.computeIfAbsent(w.channel(), k -> new ArrayList<>()).add(write(w));
        return byChannel;
    }

    @Override
    public int countDue(String channel, Instant now, int upTo) {
        return database.inTransaction(c -> store.countDue(c, now, channel, upTo));
    }

    @Override
    public List<Long> renew(List<OutboundWrite> writes, Duration lease) {
        return database.inTransaction(c -> {
            List<Long> lost = new ArrayList<>();
            for (OutboundWrite w : writes) {
                if (!claims.renew(c, w.outboxId(), w.claim(), lease)) lost.add(w.outboxId());
            }
            return lost;
        });
    }

    @Override
    public void recordSandbox(String channel, List<OutboundWrite> batch, List<VendorCall> calls, Instant now) {
        database.inTransaction(c -> {
            Long callId = null;
            for (VendorCall call : calls) {
                long id = store.recordSandboxCall(c, channel, batch.get(0).outboxId(), call, now);
                if (callId == null) callId = id;
            }
            for (OutboundWrite w : batch) claims.delivered(c, w.outboxId(), w.claim(), now, "sandbox", callId);
            return null;
        });
    }

    @Override
    public List<Long> settle(List<Settlement> settlements, Instant now) {
        return database.inTransaction(c -> {
            List<Long> lost = new ArrayList<>();
            for (Settlement s : settlements) {
                boolean held = switch (s.result()) {
                    case DELIVERED -> claims.delivered(c, s.outboxId(), s.claim(), now, "live", null);
                    case DEAD -> claims.dead(c, s.outboxId(), s.claim(), s.error());
                    case RETRY -> claims.retryAt(c, s.outboxId(), s.claim(), s.next(), s.error());
                };
                if (!held) lost.add(s.outboxId());
            }
            return lost;
        });
    }

    private static OutboundWrite write(OutboxClaims.Claimed w) {
        return new OutboundWrite(w.id(), w.accountId(), w.target(), w.fields(), w.createdAt(), w.attempt(), w.key(),
                w.claim());
    }
}
