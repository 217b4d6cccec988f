package io.csbridge.domain.alerting;

import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which alerts fire when an account's state changes. Pure: the caller passes the previous and
 * the new snapshot and a ledger; the engine says what to send now, what waits for the digest, and what
 * it kept quiet and why. Alerts fire on a change of state only (entering Red, crossing a threshold),
 * never merely because a state persists.
 *
 * <p>Band Unknown (too little evidence to judge) is not a state worth an alert: an account that is
 * Unknown, or goes from Red to Unknown, fires nothing. Unknown to Red fires "entered Red": it is the
 * first moment the account is known to be Red, which is exactly when to act; should the evidence lapse
 * and return (Red, Unknown, Red) the rule's cooldown keeps the repeat quiet.
 */
public final class AlertEngine {

    /** What became of one fired rule. */
    public record Decision(Alert alert, Outcome outcome, String reason) {
    }

    public enum Outcome { SEND, DIGEST, SUPPRESSED }

    private final AlertRules rules;

    public AlertEngine(AlertRules rules) {
        this.rules = rules;
    }

    /**
     * @param previous the snapshot before the change, null for an account seen for the first time
     * @param now      the evaluation time (cooldowns, caps, snoozes and days are counted from it)
     */
    public List<Decision> evaluate(AccountSnapshot previous, AccountSnapshot current, AlertLedger ledger, Instant now) {
        List<Decision> out = new ArrayList<>();
        LocalDate day = now.atZone(rules.zoneId()).toLocalDate();
        for (AlertRule rule : rules.rules()) {
            if (!rule.appliesTo(current.score().segment())) continue;
            Optional<Double> value = fires(rule, previous, current);
            if (value.isEmpty()) continue;
            Alert alert = alert(rule, current, value.get(), now);
            out.add(decide(alert, rule, current.score().segment(), ledger, day, now));
        }
        return out;
    }

    private Decision decide(Alert alert, AlertRule rule, String segment, AlertLedger ledger, LocalDate day, Instant now) {
        Optional<Instant> snoozed = ledger.snoozedUntil(alert.accountId());
        if (snoozed.isPresent() && now.isBefore(snoozed.get())) {
            return new Decision(alert, Outcome.SUPPRESSED, "snoozed until " + snoozed.get());
        }
        Optional<Instant> last = ledger.lastFired(alert.dedupeKey());
        if (last.isPresent() && now.isBefore(last.get().plus(Duration.ofHours(rule.cooldownHours())))) {
            return new Decision(alert, Outcome.SUPPRESSED, "cooldown: fired at " + last.get());
        }
        boolean toOwner = alert.owner() != null && rules.ownerSegments().contains(segment);
        if (toOwner && ledger.sentToOwner(alert.owner(), day) < rules.perOwnerDailyCap()) {
            ledger.sent(alert, day);
            return new Decision(alert, Outcome.SEND, "to the owner");
        }
        Alert digested = alert.withRoute(toOwner ? Alert.Route.OWNER_DIGEST : Alert.Route.TEAM_DIGEST);
        ledger.deferred(digested, day);
        return new Decision(digested, Outcome.DIGEST, toOwner ? "owner reached the daily cap" : "digest segment");
    }

    /** The day's digests: one per owner over the cap, one (owner null) for the digest segments. */
    public static List<Digest> digests(AlertLedger ledger, LocalDate day) {
        Map<String, List<Alert>> byOwner = new LinkedHashMap<>();
        for (Alert a : ledger.drainDigest(day)) {
            String recipient = a.route() == Alert.Route.OWNER_DIGEST ? a.owner() : "";
            byOwner.computeIfAbsent(recipient, k -> new ArrayList<>()).add(a);
        }
        List<Digest> out = new ArrayList<>();
        byOwner.forEach((owner, alerts) -> out.add(new Digest(owner.isEmpty() ? null : owner, day, alerts)));
        return out;
    }

    /** The value that crossed, if the rule fires on this change. */
    static Optional<Double> fires(AlertRule rule, AccountSnapshot previous, AccountSnapshot current) {
        AccountScore now = current.score();
        AccountScore before = previous == null ? null : previous.score();
        double t = rule.threshold();
        return switch (rule.kind()) {
            case ENTERED_RED -> now.band() == Band.RED && (before == null || before.band() != Band.RED)
                    ? Optional.of((double) now.healthScore()) : Optional.empty();
            case RISK_CROSSED -> now.churnRisk() >= t && (before == null || before.churnRisk() < t)
                    ? Optional.of((double) now.churnRisk()) : Optional.empty();
            case URGENT_TICKET_SPIKE -> current.facts().urgentTicketsOpen() >= t
                    && (previous == null || previous.facts().urgentTicketsOpen() < t)
                    ? Optional.of((double) current.facts().urgentTicketsOpen()) : Optional.empty();
            case DETRACTOR_NPS -> {
                AccountFacts f = current.facts();
                boolean newAnswer = f.lastNpsAt() != null
                        && (previous == null || !f.lastNpsAt().equals(previous.facts().lastNpsAt()));
                yield newAnswer && f.lastNpsScore() != null && f.lastNpsScore() <= t
                        ? Optional.of((double) f.lastNpsScore()) : Optional.empty();
            }
            case ONBOARDING_STALLED -> {
                long days = stalledDays(current);
                yield days >= t && (previous == null || stalledDays(previous) < t)
                        ? Optional.of((double) days) : Optional.empty();
            }
            case RENEWAL_AT_RISK -> {
                long days = daysToRenewal(current);
                yield days >= 0 && days <= t && now.band() != Band.GREEN
                        && (previous == null || !renewalAtRisk(previous, t))
                        ? Optional.of((double) days) : Optional.empty();
            }
        };
    }

    private static long stalledDays(AccountSnapshot s) {
        if (s.score().onboardingCompletion() >= 100 || s.facts().onboardingProgressAt() == null) return -1;
        return ChronoUnit.DAYS.between(s.facts().onboardingProgressAt(), s.asOf());
    }

    private static long daysToRenewal(AccountSnapshot s) {
        if (s.facts().renewalDate() == null) return -1;
        return ChronoUnit.DAYS.between(s.asOf().atZone(java.time.ZoneOffset.UTC).toLocalDate(), s.facts().renewalDate());
    }

    private static boolean renewalAtRisk(AccountSnapshot s, double threshold) {
        long days = daysToRenewal(s);
        return days >= 0 && days <= threshold && s.score().band() != Band.GREEN;
    }

    private static Alert alert(AlertRule rule, AccountSnapshot current, double value, Instant now) {
        AccountScore score = current.score();
        AccountFacts facts = current.facts();
        List<Driver> drivers = score.drivers().subList(0, Math.min(3, score.drivers().size()));
        String dedupeKey = rule.id() + ":" + current.accountId();
        String id = dedupeKey + ":" + now.getEpochSecond();
        return new Alert(id, dedupeKey, rule.id(), rule.kind(), current.accountId(), facts.accountName(),
                facts.owner(), Alert.Route.OWNER, score.healthScore(), score.band(), score.trend(), score.churnRisk(),
                score.onboardingCompletion(), drivers, rule.kind() == AlertKind.ENTERED_RED ? null : value,
                rule.threshold(), rule.action(), facts.salesforceId(), facts.zendeskId(), now);
    }
}
