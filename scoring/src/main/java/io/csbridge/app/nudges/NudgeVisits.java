package io.csbridge.app.nudges;

import io.csbridge.domain.nudge.AccountState;
import io.csbridge.domain.nudge.NudgeEvents;
import io.csbridge.domain.nudge.NudgeReplay;
import io.csbridge.domain.nudge.UserMoment;
import io.csbridge.domain.nudge.UserMoments;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.signal.Signal;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.store.nudges.NudgeStore;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users' visits over a past window, replayed from stored signals for the dry run: each moment a user
 * was active (at most one every {@link #THINNING}), with their account as the model saw it that day.
 */
final class NudgeVisits {

    static final Duration THINNING = Duration.ofMinutes(5);

    private final LiveScorer scorer;
    private final NudgeStore store;
    private final ZoneId defaultZone;

    NudgeVisits(LiveScorer scorer, NudgeStore store, ZoneId defaultZone) {
        this.scorer = scorer;
        this.store = store;
        this.defaultZone = defaultZone;
    }

    List<NudgeReplay.Visits> over(List<AccountHistory> histories, Instant from, Instant to) {
        List<NudgeReplay.Visits> out = new ArrayList<>();
        for (AccountHistory history : histories) {
            Map<String, List<Instant>> visits = new LinkedHashMap<>();
            for (Signal s : history.signals()) {
                if (s.user().isEmpty() || s.occurredAt().isBefore(from) || s.occurredAt().isAfter(to)) continue;
                if (!active(s)) continue;
                List<Instant> times = visits.computeIfAbsent(s.user(), u -> new ArrayList<>());
                if (times.isEmpty() || !s.occurredAt().isBefore(times.get(times.size() - 1).plus(THINNING))) {
                    times.add(s.occurredAt());
                }
            }
            if (visits.isEmpty()) continue;
            Map<LocalDate, AccountState> days = new HashMap<>();
            Map<Instant, Boolean> alerts = new HashMap<>(); // by hour: one query per account-hour
            visits.forEach((user, times) -> {
                List<UserMoment> moments = new ArrayList<>();
                for (Instant at : times) {
                    LocalDate day = at.atZone(defaultZone).toLocalDate();
                    AccountState state = days.computeIfAbsent(day, d -> AccountStates.of(history, at, scorer));
                    moments.add(UserMoments.of(user, state, history.signals(), at,
                            alerts.computeIfAbsent(at.truncatedTo(java.time.temporal.ChronoUnit.HOURS),
                                    h -> store.alertOpen(history.profile().id(), at)), defaultZone));
                }
                out.add(new NudgeReplay.Visits(user, moments, times));
            });
        }
        return out;
    }

    private static boolean active(Signal s) {
        return switch (s.kind()) {
            case PRODUCT_EVENT -> !NudgeEvents.isNudgeEvent(s);
            case PAGE_VIEW, USER_IDENTIFIED -> true;
            default -> false;
        };
    }
}
