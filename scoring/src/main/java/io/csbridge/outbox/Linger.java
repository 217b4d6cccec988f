package io.csbridge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * How long a channel's due writes wait for company, so that a burst fills the vendor's batches instead of
 * trickling out in part-filled calls. A full batch goes at once. Otherwise the writes go when the first of
 * them has waited {@code linger} since it was committed (three lingers while the processor works off a
 * backlog), or sooner, once no more are on their way (the processor has caught up) and none has arrived
 * for {@code quiet}: a lone change is not held for the linger.
 *
 * @param linger the longest a due write waits for a fuller batch
 * @param quiet  how long nothing new must arrive, once the processor has caught up, before a partial batch goes
 */
public record Linger(Duration linger, Duration quiet) {

    /** Every due write goes at once. */
    public static final Linger NONE = new Linger(Duration.ZERO, Duration.ZERO);

    static final Duration DEFAULT_LINGER = Duration.ofSeconds(1);
    static final Duration DEFAULT_QUIET = Duration.ofMillis(250);
    /** While the processor works off a backlog, a partial batch may wait this many lingers. */
    static final int BACKLOG_FACTOR = 3;
    /**
     * The linger for one channel: {@code outbox.<channel>.linger-ms}, else the channel's own default
     * ({@link DeliveryChannel#defaultLinger()}), else {@code outbox.linger-ms} (1000); the quiet period is
     * {@code outbox.quiet-ms} (250).
     *
     * @param config looks a configuration property up by name
     */
    public static Linger forChannel(DeliveryChannel channel, Function<String, Optional<String>> config) {
        return forChannel(channel.name(), channel.defaultLinger(), config);
    }

    /**
     * {@link #forChannel(DeliveryChannel, Function)} for a channel named {@code channel} whose own default
     * is {@code channelDefault}.
     */
    public static Linger forChannel(String channel, Optional<Duration> channelDefault,
                                    Function<String, Optional<String>> config) {
        Duration standard = millis(config, "outbox.linger-ms").orElse(DEFAULT_LINGER);
        Duration linger = millis(config, "outbox." + channel + ".linger-ms")
                .orElseGet(() -> channelDefault.orElse(standard));
        return new Linger(linger, millis(config, "outbox.quiet-ms").orElse(DEFAULT_QUIET));
    }

    /**
     * Due writes of one channel as its worker has seen them, from their commit on (not from the time the
     * processor stamped them with, which can be a long batch earlier).
     *
     * @param count       how many are due (counted up to a full batch)
     * @param since       when the worker first saw them waiting
     * @param lastArrival when it last saw more arrive
     */
    public record Waiting(int count, Instant since, Instant lastArrival) {
    }

    /**
     * When these waiting writes should go out: at or before now means at once.
     *
     * @param fullBatch what one delivery takes ({@link DeliveryChannel#maxBatch()})
     * @param scoring   how far the processor is: caught up (no more on their way), events in flight, or
     *                  working off a backlog (its batches are full), when the writes may wait up to
     *                  {@link #BACKLOG_FACTOR} lingers, since the backlog's last write decides its latency anyway
     */
    public Instant deliverAt(Waiting waiting, int fullBatch, ScoringProgress.State scoring) {
        if (waiting.count() >= fullBatch) return waiting.since();
        return switch (scoring) {
            case BACKLOG -> waiting.since().plus(linger.multipliedBy(BACKLOG_FACTOR));
            case IN_FLIGHT -> waiting.since().plus(linger);
            case CAUGHT_UP -> {
                Instant waitedEnough = waiting.since().plus(linger);
                Instant quietEnough = waiting.lastArrival().plus(quiet);
                yield quietEnough.isBefore(waitedEnough) ? quietEnough : waitedEnough;
            }
        };
    }

    private static Optional<Duration> millis(Function<String, Optional<String>> config, String name) {
        return config.apply(name).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            try {
                return Duration.ofMillis(Math.max(0, Long.parseLong(s)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number of milliseconds, not '" + s + "'", e);
            }
        });
    }
}
