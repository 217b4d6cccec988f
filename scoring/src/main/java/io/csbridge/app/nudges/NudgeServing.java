package io.csbridge.app.nudges;

import io.csbridge.domain.nudge.AccountState;
import io.csbridge.domain.nudge.HeldBack;
import io.csbridge.domain.nudge.Impression;
import io.csbridge.domain.nudge.Nudge;
import io.csbridge.domain.nudge.NudgeCaps;
import io.csbridge.domain.nudge.NudgeDecision;
import io.csbridge.domain.nudge.NudgeDefinitions;
import io.csbridge.domain.nudge.NudgeMessage;
import io.csbridge.domain.nudge.UserMoment;
import io.csbridge.domain.nudge.UserMoments;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.nudges.NudgeStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serving ({@code GET /hooks/nudges/next}): the one due nudge for a user now, decided by
 * {@link NudgeDecision} from the user's moment (their account's state, their signals, an open alert).
 * What it serves counts toward the caps at once (kept per user on this node until the product's
 * {@code Nudge Shown} event is stored); each user entering a nudge's experiment (shown or holdout) is
 * recorded once for the results.
 */
@ApplicationScoped
public class NudgeServing {

    public static final String SHOWN = "SHOWN";
    public static final String HOLDOUT = "HOLDOUT";
    /** The most accounts whose signals serving keeps in memory. */
    static final int MAX_ACCOUNTS = 2_000;
    /** How long a definitions version read is reused. */
    static final Duration DEFINITIONS_TTL = Duration.ofSeconds(2);

    /** A nudge to show, in the language chosen for the user. */
    public record Served(Nudge nudge, String language, NudgeMessage message) {
    }

    private record Read(NudgeDefinitions definitions, Instant at, long saves) {
    }

    @Inject
    Pipeline pipeline;

    @Inject
    LiveScorer scorer;

    @Inject
    NudgesAdmin admin;

    private final AccountViews views = new AccountViews(MAX_ACCOUNTS);
    private final Map<String, List<Impression>> served = new ConcurrentHashMap<>();
    private final Map<String, Boolean> exposed = new ConcurrentHashMap<>();
    private volatile Read definitions;
    private volatile NudgeCaps caps;

    /** The due nudge for the user now, if any. */
    public Optional<Served> next(String userId, String groupId, String language) {
        Instant now = pipeline.clock().instant();
        NudgeDefinitions defs = definitions(now);
        if (defs.enabled().isEmpty()) return Optional.empty();
        NudgeCaps limits = caps();
        NudgeStore store = new NudgeStore(pipeline.database());
        Optional<String> accountId = store.accountOf(groupId, userId);
        Optional<AccountViews.View> view = accountId.flatMap(id -> views.of(id, now, pipeline.database(), scorer));
        UserMoment moment = view.isEmpty()
                ? UserMoments.of(userId, AccountState.unknown(""), List.of(), now, false, limits.defaultZone())
                : UserMoments.of(userId, view.get().state(), view.get().history().signals(), now,
                        store.alertOpen(accountId.get(), now), limits.defaultZone());
        moment = withServed(moment, now);
        NudgeDecision decision = NudgeDecision.decide(defs, limits, moment, now);
        String account = accountId.orElse("");
        decision.heldBack().forEach((id, why) -> {
            if (why == HeldBack.HOLDOUT) expose(store, id, userId, account, HOLDOUT, now);
        });
        if (!decision.shows()) return Optional.empty();
        Nudge due = decision.due();
        if (served.size() > 100_000) served.clear(); // the stored Nudge Shown events carry the caps beyond this memo
        List<Impression> mine = served.computeIfAbsent(userId, u -> new ArrayList<>());
        synchronized (mine) {
            mine.add(new Impression(due.id(), now));
        }
        expose(store, due.id(), userId, account, SHOWN, now);
        String lang = due.languageFor(language);
        return Optional.of(new Served(due, lang, due.message(lang)));
    }

    /** Served impressions not yet confirmed by a stored {@code Nudge Shown} count as shown. */
    private UserMoment withServed(UserMoment moment, Instant now) {
        List<Impression> mine = served.get(moment.userId());
        if (mine == null) return moment;
        UserMoment out = moment;
        synchronized (mine) {
            mine.removeIf(i -> i.at().isBefore(now.minus(Duration.ofDays(1))));
            for (Impression pending : mine) {
                boolean stored = moment.shown().stream().anyMatch(s -> s.nudgeId().equals(pending.nudgeId())
                        && !s.at().isBefore(pending.at().minus(Duration.ofMinutes(1))));
                if (!stored) out = out.with(pending);
            }
        }
        return out;
    }

    private void expose(NudgeStore store, String nudgeId, String userId, String accountId, String arm, Instant now) {
        if (exposed.size() > 200_000) exposed.clear(); // a memo only: the table keeps the first entry anyway
        if (exposed.putIfAbsent(nudgeId + '\u0000' + userId, Boolean.TRUE) != null) return;
        store.expose(new NudgeStore.Exposure(nudgeId, userId, accountId, arm, now));
    }

    private NudgeDefinitions definitions(Instant now) {
        Read d = definitions;
        long saves = NudgesAdmin.SAVES.get();
        if (d == null || d.saves() != saves || !d.at().isAfter(now.minus(DEFINITIONS_TTL)) || d.at().isAfter(now)) {
            d = new Read(admin.current().definitions(), now, saves);
            definitions = d;
        }
        return d.definitions();
    }

    private NudgeCaps caps() {
        NudgeCaps c = caps;
        if (c == null) {
            c = NudgeSettings.caps(ConfigProvider.getConfig());
            caps = c;
        }
        return c;
    }

    /** The caps in force (from configuration). */
    public NudgeCaps limits() {
        return caps();
    }
}
