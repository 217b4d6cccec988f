package io.csbridge.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One channel's turn at the outbox, as its own worker takes it: look at the channel's due writes, and
 * deliver a batch when a full one is due or the {@link Linger} says the rest has waited enough;
 * otherwise remember when that will be, so the worker naps until then (or until nudged).
 */
final class ChannelDelivery {

    private final OutboxDelivery delivery;
    private final DeliveryChannel channel;
    private final Linger linger;
    private final BooleanSupplier moreComing;
    private final Clock clock;
    private volatile Instant next;

    ChannelDelivery(OutboxDelivery delivery, DeliveryChannel channel, Linger linger, BooleanSupplier moreComing,
                    Clock clock) {
        this.delivery = delivery;
        this.channel = channel;
        this.linger = linger;
        this.moreComing = moreComing;
        this.clock = clock;
    }

    String channel() {
        return channel.name();
    }

    /** @return how many writes were attempted (0: none due, or they are lingering) */
    int step() {
        Optional<Instant> at = delivery.deliveryTime(channel, linger, moreComing.getAsBoolean());
        if (at.isEmpty()) {
            next = null;
            return 0;
        }
        if (at.get().isAfter(clock.instant())) {
            next = at.get();
            return 0;
        }
        next = null;
        return delivery.deliver(channel);
    }

    /** How long until the lingering writes are to go (null: none is lingering). */
    Duration untilDue() {
        Instant at = next;
        return at == null ? null : Duration.between(clock.instant(), at);
    }
}
