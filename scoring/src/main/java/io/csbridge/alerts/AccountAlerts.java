package io.csbridge.alerts;

import io.csbridge.store.alerts.AlertFactsStore;
import io.csbridge.store.Dialect;
import io.csbridge.store.alerts.DurableAlertLedger;
import io.csbridge.store.pipeline.OutboxStore;
import io.csbridge.store.account.ScoreBook;
import io.csbridge.store.Transaction;
import io.csbridge.vendors.ChannelNames;

import io.csbridge.domain.account.AccountKey;
import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.alerting.AccountFacts;
import io.csbridge.domain.alerting.AccountSnapshot;
import io.csbridge.domain.alerting.Alert;
import io.csbridge.domain.alerting.AlertEngine;
import io.csbridge.domain.alerting.AlertRules;
import io.csbridge.store.alerts.AlertRulesStore;
import io.csbridge.domain.alerting.Digest;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.scoring.FactCollector;
import io.csbridge.domain.onboarding.MilestoneCatalog;
import io.csbridge.domain.signal.Signal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import static io.csbridge.vendors.SlackAlertActions.ACK;
import static io.csbridge.vendors.SlackAlertActions.CREATE_TASK;
import static io.csbridge.vendors.SlackAlertActions.SNOOZE;

/**
 * Alerts inside the processor's transaction: after each rescore, the alert rules compare the account
 * before and after and what they send is queued on the {@code slack} channel, one outbox row per alert;
 * a button press (an {@code ALERT_ACTION} signal) queues its effects (Salesforce Task, snooze,
 * acknowledgement, the message update); once a day the deferred alerts go out as digests. Everything is
 * written with the score and the inbox row it came from, so it happens exactly once.
 */
public final class AccountAlerts {

    public static final String SLACK = ChannelNames.SLACK;
    public static final String SALESFORCE_TASK = ChannelNames.SALESFORCE_TASK;

    private static final Logger LOG = Logger.getLogger(AccountAlerts.class.getName());
    /** Only the NPS and ticket facts are read here: no key features, no onboarding plans. */
    private static final FactCollector FACTS = new FactCollector(List.of(), new MilestoneCatalog(List.of()));

    private final Dialect dialect;
    private final OutboxStore outbox;
    private final AlertRulesStore rules;
    private final AlertSettings settings;
    private final AlertFactsStore storedFacts = new AlertFactsStore();
    private final ScoreBook scores = new ScoreBook();

    public AccountAlerts(Dialect dialect, AlertRulesStore rules, AlertSettings settings) {
        this.dialect = dialect;
        this.outbox = new OutboxStore(dialect);
        this.rules = rules;
        this.settings = settings;
    }

    /**
     * Runs the rules on the change from {@code previous} (empty: first score) to {@code score}, records
     * what fired and queues the alerts to send now.
     *
     * @return the alerts queued for Slack
     */
    public int onRescore(Transaction tx, AccountProfile profile, Optional<AccountScore> previous, AccountScore score,
                         AccountSummary summary, AccountHistory history, Instant now) {
        return onRescores(tx, List.of(new Rescored(profile, previous, score, summary, history)), now);
    }

    /** One account's rescore: what the rules compare. */
    public record Rescored(AccountProfile profile, Optional<AccountScore> previous, AccountScore score,
                           AccountSummary summary, AccountHistory history) {
    }

    /**
     * {@link #onRescore} for several accounts, in their order, with the rules and the facts stored last
     * time read once for all of them and the new facts saved in batches.
     *
     * @return the alerts queued for Slack
     */
    public int onRescores(Transaction tx, List<Rescored> rescores, Instant now) {
        if (rescores.isEmpty()) return 0;
        AlertEngine engine = new AlertEngine(rules.current(tx));
        // Present: a row exists (empty when it cannot be read, so it is overwritten rather than inserted again).
        Map<String, Optional<AccountFacts>> stored = storedFacts.stored(tx, rescores.stream().map(r -> r.profile().id()).toList());
        Map<String, AccountFacts> inserts = new LinkedHashMap<>();
        Map<String, AccountFacts> updates = new LinkedHashMap<>();
        int queued = 0;
        for (Rescored r : rescores) {
            String accountId = r.profile().id();
            Optional<AccountFacts> before = stored.getOrDefault(accountId, Optional.empty());
            AccountFacts facts = facts(r.profile(), r.summary(), r.history(), now, r.previous(), before, r.score());
            AccountSnapshot current = new AccountSnapshot(accountId, r.score(), facts);
            AccountSnapshot last = r.previous().map(p -> new AccountSnapshot(accountId, p, before.orElse(facts))).orElse(null);
            (stored.containsKey(accountId) ? updates : inserts).put(accountId, facts);
            DurableAlertLedger ledger = new DurableAlertLedger(tx, dialect, now);
            for (AlertEngine.Decision d : engine.evaluate(last, current, ledger, now)) {
                LOG.fine(() -> "alert " + d.alert().ruleId() + " on " + accountId + ": " + d.outcome() + " (" + d.reason() + ")");
                if (d.outcome() != AlertEngine.Outcome.SEND) continue;
                Optional<Long> id = ledger.idOf(d.alert());
                if (id.isEmpty()) continue;
                Alert alert = d.alert().withId(String.valueOf(id.get()));
                if (outbox.enqueue(tx, SLACK, accountId, "alert:" + id.get(), alert.toFields(), now, "alert:" + id.get())) {
                    queued++;
                }
            }
        }
        storedFacts.save(tx, updates, inserts);
        return queued;
    }

    /** What the rules read about the account now, beside its score. */
    AccountFacts facts(AccountProfile profile, AccountSummary summary, AccountHistory history, Instant now,
                       Optional<AccountScore> previous, Optional<AccountFacts> before, AccountScore score) {
        io.csbridge.domain.score.AccountFacts f = FACTS.collect(history.upTo(now), now);
        Integer nps = Double.isNaN(f.npsLatest()) ? null : (int) Math.round(f.npsLatest());
        Instant npsAt = f.npsLatestAt() == io.csbridge.domain.score.AccountFacts.NONE ? null : Instant.ofEpochSecond(f.npsLatestAt());
        // When onboarding completion last rose: seen here, score after score (first sight: when the account appeared).
        Instant progressAt;
        if (before.isEmpty() || previous.isEmpty()) {
            progressAt = profile.createdAt();
        } else if (score.onboardingCompletion() > previous.get().onboardingCompletion()) {
            progressAt = now;
        } else {
            progressAt = before.get().onboardingProgressAt() == null ? profile.createdAt() : before.get().onboardingProgressAt();
        }
        return new AccountFacts(profile.name() == null ? profile.id() : profile.name(), settings.slackUserOf(summary.owner()),
                summary.renewalDate(), nps, npsAt, f.urgentOpenTickets(), progressAt,
                key(profile, AccountKey.KeyKind.SALESFORCE).orElse(null), key(profile, AccountKey.KeyKind.ZENDESK).orElse(null));
    }

    /**
     * A person pressed a button on an alert: acknowledge, snooze the account, or create a Salesforce
     * Task for the owner; each also updates the Slack message to say who did what, when.
     */
    public void onAction(Transaction tx, AccountProfile profile, Signal press, Instant now) {
        String accountId = profile.id();
        String action = press.name();
        String alertId = press.attribute("alertId");
        String by = press.attribute("by");
        Instant at = press.occurredAt();
        DurableAlertLedger ledger = new DurableAlertLedger(tx, dialect, now);
        Optional<Alert> alert = ledger.find(alertId).filter(a -> accountId.equals(a.accountId()));
        ledger.acted(alertId, action, by, at);
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("type", "action");
        update.put("channel", nullToEmpty(press.attribute("channel")));
        update.put("ts", nullToEmpty(press.attribute("messageTs")));
        update.put("action", action);
        update.put("user", by == null ? "" : by);
        update.put("at", at.toString());
        alert.ifPresent(a -> update.put("alert", a.toFields()));
        switch (action) {
            case ACK -> ledger.acknowledge(alertId, by, at);
            case SNOOZE -> {
                Instant until = at.plus(Duration.ofDays(settings.snoozeDays()));
                ledger.snooze(accountId, until);
                update.put("until", until.toString());
                update.put("days", settings.snoozeDays());
            }
            case CREATE_TASK -> {
                Optional<String> salesforceId = key(profile, AccountKey.KeyKind.SALESFORCE);
                if (salesforceId.isPresent()) {
                    outbox.enqueue(tx, SALESFORCE_TASK, accountId, salesforceId.get(),
                            FollowUpTask.fields(profile, alert, scores.owner(tx, accountId), press, settings.language()), now, "task:" + accountId + ":" + alertId);
                } else {
                    LOG.info(() -> "cs_create_task on " + accountId + ": the account has no Salesforce Account, no Task");
                    update.put("taskQueued", false);
                }
            }
            default -> {
                LOG.warning(() -> "unknown alert action " + action + " on " + accountId + ": ignored");
                return;
            }
        }
        if (!update.get("channel").toString().isEmpty() && !update.get("ts").toString().isEmpty()) {
            outbox.enqueue(tx, SLACK, accountId, update.get("ts").toString(), update, now, null);
        }
    }

    /**
     * Queues the digests of every finished day whose deferred alerts no digest holds yet. Day D's
     * digests go out once the clock passes the digest hour of D+1 in the rules' zone.
     *
     * @return digests queued
     */
    public int queueDigests(Transaction tx, Instant now) {
        AlertRules current = rules.current(tx);
        ZonedDateTime local = now.atZone(current.zoneId());
        LocalDate open = local.getHour() < settings.digestHour() ? local.toLocalDate().minusDays(1) : local.toLocalDate();
        DurableAlertLedger ledger = new DurableAlertLedger(tx, dialect, now);
        int queued = 0;
        for (LocalDate day : ledger.undigestedDaysBefore(open)) {
            for (Digest digest : AlertEngine.digests(ledger, day)) {
                if (digest.alerts().isEmpty()) continue;
                String recipient = digest.owner() == null ? "team" : digest.owner();
                String dedupe = "digest:" + day + ":" + recipient + ":" + digest.alerts().get(0).id();
                if (outbox.enqueue(tx, SLACK, "digest:" + recipient, "digest:" + day, digest.toFields(), now, dedupe)) {
                    queued++;
                }
            }
        }
        return queued;
    }

    private static Optional<String> key(AccountProfile profile, AccountKey.KeyKind kind) {
        return profile.keys().keys().stream().filter(k -> k.kind() == kind).map(AccountKey::value).findFirst();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
