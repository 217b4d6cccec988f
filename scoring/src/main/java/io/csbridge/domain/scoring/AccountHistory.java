package io.csbridge.domain.scoring;

import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.signal.Signal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * An account and its signals in event-time order. Ordering here (not arrival order) is what makes
 * late and out-of-order deliveries score the same as in-order ones.
 */
public final class AccountHistory {

    /**
     * Event time first; ties broken by content so that the order never depends on arrival. Attributes
     * compare in key order: an immutable map's own iteration order changes from one JVM start to the
     * next, and a replay must order two simultaneous signals as the first run did.
     */
    public static final Comparator<Signal> EVENT_ORDER = Comparator
            .comparing(Signal::occurredAt)
            .thenComparing(s -> s.kind().name())
            .thenComparing(Signal::name)
            .thenComparing(Signal::user)
            .thenComparingDouble(Signal::value)
            .thenComparing(s -> new TreeMap<>(s.attributes()).toString());

    private final AccountProfile profile;
    private final List<Signal> signals;

    public AccountHistory(AccountProfile profile, List<Signal> signals) {
        this.profile = profile;
        List<Signal> sorted = new ArrayList<>(signals);
        sorted.sort(EVENT_ORDER);
        this.signals = List.copyOf(sorted);
    }

    public AccountProfile profile() {
        return profile;
    }

    /** All signals, in event-time order. */
    public List<Signal> signals() {
        return signals;
    }

    /** The signals stamped at or before {@code asOf}, in event-time order. */
    public List<Signal> upTo(Instant asOf) {
        int end = signals.size();
        while (end > 0 && signals.get(end - 1).occurredAt().isAfter(asOf)) {
            end--;
        }
        return signals.subList(0, end);
    }
}
