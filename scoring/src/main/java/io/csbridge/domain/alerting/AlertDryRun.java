package io.csbridge.domain.alerting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a rule set would have done over past score histories (e.g. the last 30 days), before it is
 * switched on: each account's snapshots are replayed in time order through a fresh ledger, with
 * cooldowns, caps and digests applied as they would have been.
 */
public final class AlertDryRun {

    public record Result(List<AlertEngine.Decision> decisions, List<Digest> digests) {

        public long sent() {
            return decisions.stream().filter(d -> d.outcome() == AlertEngine.Outcome.SEND).count();
        }

        public long digested() {
            return decisions.stream().filter(d -> d.outcome() == AlertEngine.Outcome.DIGEST).count();
        }

        public long suppressed() {
            return decisions.stream().filter(d -> d.outcome() == AlertEngine.Outcome.SUPPRESSED).count();
        }
    }

    private AlertDryRun() {
    }

    /** @param histories snapshots per account id, in any order; only those within [from, to] are replayed */
    public static Result run(AlertRules rules, Map<String, List<AccountSnapshot>> histories, Instant from, Instant to) {
        record Step(AccountSnapshot previous, AccountSnapshot current) {
        }
        List<Step> steps = new ArrayList<>();
        for (List<AccountSnapshot> history : histories.values()) {
            List<AccountSnapshot> sorted = new ArrayList<>(history);
            sorted.sort(Comparator.comparing(AccountSnapshot::asOf));
            AccountSnapshot previous = null;
            for (AccountSnapshot s : sorted) {
                if (s.asOf().isAfter(to)) break;
                // The state just before the window is the baseline: no alert for what was already true.
                if (!s.asOf().isBefore(from)) steps.add(new Step(previous, s));
                previous = s;
            }
        }
        steps.sort(Comparator.comparing(s -> s.current().asOf()));
        AlertEngine engine = new AlertEngine(rules);
        InMemoryAlertLedger ledger = new InMemoryAlertLedger();
        List<AlertEngine.Decision> decisions = new ArrayList<>();
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Step step : steps) {
            Instant at = step.current().asOf();
            days.add(at.atZone(rules.zoneId()).toLocalDate());
            decisions.addAll(engine.evaluate(step.previous(), step.current(), ledger, at));
        }
        List<Digest> digests = new ArrayList<>();
        for (LocalDate day : days) digests.addAll(AlertEngine.digests(ledger, day));
        return new Result(decisions, digests);
    }
}
