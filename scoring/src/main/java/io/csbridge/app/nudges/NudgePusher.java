package io.csbridge.app.nudges;

import io.csbridge.domain.nudge.Impression;
import io.csbridge.store.nudges.NudgePushes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Push mode (CONTRACT §7, with {@code nudges.webhook-url} set): every {@code nudges.push-check-seconds} a sweep
 * takes the product users with a signal in the last {@code nudges.push-active-minutes} (their state changed,
 * or time made a nudge due: the gap passed, quiet hours ended) and asks the one decision
 * ({@link NudgeServing#dueForPush}) for each; a due nudge is queued on the outbox (channel {@code nudges})
 * under the key {@code nudge:<nudgeId>:<userId>:<pushes of it before>}, so two nodes or a repeated sweep queue
 * it once. The queued pushes are the user's impressions for the caps until the product reports them shown.
 * Delivery, signing and retries are the outbox's ({@code connectors/nudges/NudgePushChannel}).
 */
final class NudgePusher {

    /** How far back the first sweep after a start looks, in signals. */
    static final long START_BACKLOG = 20_000;
    static final int MAX_USERS = 5_000;

    private final NudgeServing serving;
    private final NudgePushes pushes;
    private final Clock clock;
    private final BooleanSupplier on;
    private final Duration window;
    /** (time, newest signal id then): the floor of a sweep is the newest id a window ago. */
    private final Deque<long[]> marks = new ArrayDeque<>();

    NudgePusher(NudgeServing serving, NudgePushes pushes, Clock clock, BooleanSupplier on, Duration window) {
        this.serving = serving;
        this.pushes = pushes;
        this.clock = clock;
        this.on = on;
        this.window = window;
    }

    /** @return pushes queued by this sweep */
    int sweep() {
        if (!on.getAsBoolean()) return 0;
        Instant now = clock.instant();
        long newest = pushes.newestSignal();
        if (marks.isEmpty()) marks.add(new long[] {Long.MIN_VALUE, Math.max(0, newest - START_BACKLOG)});
        marks.add(new long[] {now.toEpochMilli(), newest});
        long cutoff = now.minus(window).toEpochMilli();
        while (marks.size() > 1) {
            var it = marks.iterator();
            it.next();
            if (it.next()[0] > cutoff) break;
            marks.removeFirst();
        }
        long floor = marks.getFirst()[1];
        int queued = 0;
        for (NudgePushes.ActiveUser user : pushes.activeAfter(floor, now.minus(window), MAX_USERS)) {
            if (push(user, now)) queued++;
        }
        return queued;
    }

    private boolean push(NudgePushes.ActiveUser user, Instant now) {
        List<Impression> pushed = pushes.pushed(user.accountId(), user.userId());
        Optional<NudgeServing.Served> due = serving.dueForPush(user.userId(), user.accountId(), pushed, now);
        if (due.isEmpty()) return false;
        String nudgeId = due.get().nudge().id();
        long before = pushed.stream().filter(i -> i.nudgeId().equals(nudgeId)).count();
        String key = "nudge:" + nudgeId + ":" + user.userId() + ":" + before;
        boolean queued = pushes.queue(user.accountId(), user.userId(), payload(key, user, due.get(), now), now, key);
        serving.pushed(nudgeId, user.userId(), user.accountId(), now);
        return queued;
    }

    /** The JSON the receiver gets: the nudge as {@code /hooks/nudges/next} answers it, and whom it is for. */
    private Map<String, Object> payload(String key, NudgePushes.ActiveUser user, NudgeServing.Served served, Instant now) {
        Map<String, Object> nudge = new LinkedHashMap<>();
        nudge.put("id", served.nudge().id());
        nudge.put("title", served.message().title());
        nudge.put("body", served.message().body());
        nudge.put("button", Map.of("label", served.message().buttonLabel(), "url", served.message().buttonUrl()));
        nudge.put("language", served.language());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pushId", key);
        out.put("userId", user.userId());
        pushes.groupIdOf(user.accountId()).ifPresent(g -> out.put("groupId", g));
        out.put("accountId", user.accountId());
        out.put("at", now.toString());
        out.put("nudge", nudge);
        return out;
    }
}
