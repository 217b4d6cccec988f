package io.csbridge.app.model;

import io.csbridge.domain.settings.InvalidDefinition;
import io.csbridge.domain.alerting.AccountSnapshot;
import io.csbridge.domain.alerting.AlertDryRun;
import io.csbridge.domain.alerting.AlertRules;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.json.Json;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.account.AccountCatalog;
import io.csbridge.store.alerts.AlertRulesStore;
import io.csbridge.store.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert rules (when alerts fire, who gets them, how often) as versioned settings: the version in
 * force and its history, a change dry-run against the last 30 days (what would have fired) or saved.
 */
@ApplicationScoped
public class AlertRulesAdmin {

    static final Duration DRY_RUN_WINDOW = Duration.ofDays(30);

    /** The rules in force (the defaults until a version is saved: version 0, saved by no one). */
    public record Current(int version, Instant savedAt, String savedBy, AlertRules rules) {
    }

    /** What the rules would have done from {@code from} to {@code to}. */
    public record DryRunResult(Instant from, Instant to, AlertDryRun.Result result) {
    }

    /** Alert rules that read as JSON but cannot be used, with every problem (an editor shows them all). */
    public static final class InvalidRules extends InvalidDefinition {
        InvalidRules(List<String> problems) {
            super(problems);
        }
    }

    @Inject
    Pipeline pipeline;

    @Inject
    LiveScorer scorer;

    /** @throws IllegalArgumentException (or {@link InvalidRules}) when the saved version cannot be read */
    public Current current() {
        var saved = new SettingsStore(pipeline.database()).current(SettingsStore.ALERT_RULES);
        return new Current(saved.map(SettingsStore.Version::version).orElse(0),
                saved.map(SettingsStore.Version::createdAt).orElse(null),
                saved.map(SettingsStore.Version::createdBy).orElse(null),
                saved.map(v -> parse(v.body())).orElseGet(AlertRules::defaults));
    }

    /** The saved versions, newest first. */
    public List<SavedVersion> history(int limit) {
        return new SettingsStore(pipeline.database()).history(SettingsStore.ALERT_RULES, limit).stream()
                .map(SavedVersion::of).toList();
    }

    /**
     * Reads alert rules from JSON.
     *
     * @throws InvalidRules when they read but {@link AlertRules#problems()} finds something wrong
     * @throws IllegalArgumentException when it is not JSON of alert rules
     */
    public AlertRules parse(String json) {
        try {
            return AlertRulesStore.parse(json);
        } catch (AlertRulesStore.InvalidRulesException e) {
            throw new InvalidRules(e.problems());
        }
    }

    /** What {@code rules} would have sent, digested and suppressed over the last 30 days. */
    public DryRunResult dryRun(AlertRules rules) {
        Instant now = pipeline.clock().instant();
        AlertDryRun.Result result = AlertDryRun.run(rules, snapshots(now), now.minus(DRY_RUN_WINDOW), now);
        return new DryRunResult(now.minus(DRY_RUN_WINDOW), now, result);
    }

    /** Saves {@code rules} as the next version (in force for the next alerts). @return the version */
    public int save(AlertRules rules, String by, String note) {
        Instant now = pipeline.clock().instant();
        return new SettingsStore(pipeline.database()).save(SettingsStore.ALERT_RULES, Json.write(rules), by, note, now);
    }

    /** Each account's state once a day over the window (and the day before it, as the baseline). */
    private Map<String, List<AccountSnapshot>> snapshots(Instant now) {
        Map<String, List<AccountSnapshot>> out = new LinkedHashMap<>();
        for (AccountHistory history : new AccountCatalog(pipeline.database()).histories(now)) {
            List<AccountSnapshot> days = new ArrayList<>();
            for (int d = (int) DRY_RUN_WINDOW.toDays() + 1; d >= 0; d--) {
                Instant at = now.minus(Duration.ofDays(d));
                if (history.upTo(at).isEmpty()) continue;
                days.add(AlertSnapshots.of(history, at, scorer));
            }
            out.put(history.profile().id(), days);
        }
        return out;
    }
}
