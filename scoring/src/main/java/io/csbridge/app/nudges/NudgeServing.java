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
import io.csbridge.store.nudges.NudgePushes;
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
        NudgeStore store = new NudgeStore(pipeline.database());
        Optional<String> accountId = definitions(now).enabled().isEmpty() ? Optional.empty() : store.accountOf(groupId, userId);
        // In push mode the pushes queued for this user count as shown here too: asked or pushed, one decision.
        List<Impression> pushed = accountId.isPresent() && pushMode()
                ? new NudgePushes(pipeline.database()).pushed(accountId.get(), userId) : List.of();
        Optional<Served> due = decide(store, userId, accountId, pushed, language, now);
        if (due.isEmpty()) return due;
        Nudge nudge = due.get().nudge();
        if (served.size() > 100_000) served.clear(); // the stored Nudge Shown events carry the caps beyond this memo
        List<Impression> mine = served.computeIfAbsent(userId, u -> new ArrayList<>());
        synchronized (mine) {
            mine.add(new Impression(nudge.id(), now));
        }
        expose(store, nudge.id(), userId, accountId.orElse(""), SHOWN, now);
        return due;
    }

    static boolean pushMode() {
        return ConfigProvider.getConfig().getOptionalValue("nudges.webhook-url", String.class).filter(u -> !u.isBlank()).isPresent();
    }

    /**
     * Push mode: the due nudge for a user of an account now, by the same decision as {@link #next}, with the
     * pushes already queued for them counted as shown. Nothing is recorded: the caller queues the push and
     * then calls {@link #pushed}.
     */
    public Optional<Served> dueForPush(String userId, String accountId, List<Impression> pushed, Instant now) {
        NudgeStore store = new NudgeStore(pipeline.database());
        return decide(store, userId, Optional.of(accountId), pushed, null, now);
    }

    /** A push was queued (by this node or, for the same key, another): the user entered the nudge's shown arm. */
    public void pushed(String nudgeId, String userId, String accountId, Instant now) {
        expose(new NudgeStore(pipeline.database()), nudgeId, userId, accountId, SHOWN, now);
    }

    /**
     * The one decision, asked or pushed: the user's moment (their account's state and signals, an open alert,
     * what was served or pushed and not yet stored as shown) through {@link NudgeDecision}. Holdout exposures
     * are recorded here; the shown one by the caller once it serves or queues it.
     */
    private Optional<Served> decide(NudgeStore store, String userId, Optional<String> accountId, List<Impression> pending,
                                    String language, Instant now) {
        NudgeDefinitions defs = definitions(now);
        if (defs.enabled().isEmpty()) return Optional.empty();
        NudgeCaps limits = caps();
        Optional<AccountViews.View> view = accountId.flatMap(id -> views.of(id, now, pipeline.database(), scorer));
        UserMoment moment = view.isEmpty()
                ? UserMoments.of(userId, AccountState.unknown(""), List.of(), now, false, limits.defaultZone())
                : UserMoments.of(userId, view.get().state(), view.get().history().signals(), now,
                        store.alertOpen(accountId.get(), now), limits.defaultZone());
        List<Impression> memo = served.get(userId);
        if (memo != null) {
            synchronized (memo) {
                memo.removeIf(i -> i.at().isBefore(now.minus(Duration.ofDays(1))));
            }
            moment = withPending(moment, memo);
        }
        moment = withPending(moment, pending);
        NudgeDecision decision = NudgeDecision.decide(defs, limits, moment, now);
        String account = accountId.orElse("");
        decision.heldBack().forEach((id, why) -> {
            if (why == HeldBack.HOLDOUT) expose(store, id, userId, account, HOLDOUT, now);
        });
        if (!decision.shows()) return Optional.empty();
        Nudge due = decision.due();
        String lang = due.languageFor(language != null ? language : moment.attributes().get("language"));
        return Optional.of(new Served(due, lang, due.message(lang)));
    }

    /** Served or pushed impressions not yet confirmed by a stored {@code Nudge Shown} count as shown. */
    private static UserMoment withPending(UserMoment moment, List<Impression> mine) {
        if (mine.isEmpty()) return moment;
        UserMoment out = moment;
        synchronized (mine) {
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
