package io.csbridge.processing;

import io.csbridge.alerts.AccountAlerts;
import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.scoring.AccountScorer;
import io.csbridge.domain.signal.Signal;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.store.account.AccountDirectory;
import io.csbridge.store.pipeline.OutboxStore;
import io.csbridge.store.account.ScoreBook;
import io.csbridge.store.Transaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Rescores accounts inside the caller's transaction: scores each from its signals, saves the scores,
 * runs the alert rules on the change, and queues the channel writes whose values changed.
 */
final class Rescoring {

    private final AccountDirectory directory;
    private final ScoreBook scores = new ScoreBook();
    private final OutboxStore outbox;
    private final Supplier<AccountScorer> scorer;
    private final Supplier<List<DeliveryChannel>> channels;
    private final AccountAlerts alerts;

    Rescoring(AccountDirectory directory, OutboxStore outbox, Supplier<AccountScorer> scorer,
              Supplier<List<DeliveryChannel>> channels, AccountAlerts alerts) {
        this.directory = directory;
        this.outbox = outbox;
        this.scorer = scorer;
        this.channels = channels;
        this.alerts = alerts;
    }

    /**
     * Scores each account as of {@code now} from its signals (those stamped after {@code now} are left
     * out here), saves the scores, runs the alert rules and queues changed writes. Profiles and previous
     * scores are read in a few queries for all the accounts and the scores saved in batched statements.
     *
     * @param signals every stored signal of each account to score, by account id
     */
    Map<String, AccountScore> rescore(Transaction tx, Map<String, List<Signal>> signals, Instant now) {
        Map<String, AccountScore> out = new LinkedHashMap<>();
        if (signals.isEmpty()) return out;
        Set<String> accountIds = signals.keySet();
        Map<String, AccountProfile> profiles = directory.profiles(tx, accountIds);
        Map<String, AccountScore> previous = alerts == null ? Map.of() : scores.latest(tx, accountIds);
        AccountScorer current = scorer.get();
        List<ScoreBook.Scored> scored = new ArrayList<>();
        List<AccountAlerts.Rescored> rescored = new ArrayList<>();
        for (Map.Entry<String, List<Signal>> e : signals.entrySet()) {
            String accountId = e.getKey();
            AccountProfile profile = profiles.get(accountId);
            if (profile == null) throw new NoSuchElementException("no account " + accountId);
            List<Signal> upToNow = new ArrayList<>(e.getValue().size());
            for (Signal s : e.getValue()) if (!s.occurredAt().isAfter(now)) upToNow.add(s);
            AccountHistory history = new AccountHistory(profile, upToNow);
            AccountScore score = current.score(history, now);
            AccountSummary summary = current.summarize(history, now);
            scored.add(new ScoreBook.Scored(accountId, score, summary));
            rescored.add(new AccountAlerts.Rescored(profile, Optional.ofNullable(previous.get(accountId)), score, summary,
                    history));
            out.put(accountId, score);
        }
        scores.saveAll(tx, scored);
        if (alerts != null) alerts.onRescores(tx, rescored, now);
        List<DeliveryChannel> targets = channels.get();
        for (AccountAlerts.Rescored r : rescored) {
            for (DeliveryChannel channel : targets) {
                var target = channel.target(r.profile().keys());
                if (target.isPresent()) {
                    outbox.enqueueIfChanged(tx, channel.name(), r.profile().id(), target.get(), channel.fields(r.score()), now);
                }
            }
        }
        return out;
    }
}
