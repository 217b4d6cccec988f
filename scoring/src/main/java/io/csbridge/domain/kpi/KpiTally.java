package io.csbridge.domain.kpi;

import io.csbridge.domain.risk.ChurnEvents;
import io.csbridge.domain.scoring.AccountEvaluation;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.domain.segment.SegmentPolicy;
import io.csbridge.domain.signal.Attributes;
import io.csbridge.domain.signal.Signal;
import io.csbridge.domain.signal.SignalKind;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The KPIs of one moment, summed account by account: each history is read once and forgotten, so the
 * portfolio never has to be in memory at once (a background snapshot reads it in chunks). Not thread-safe.
 */
public final class KpiTally {

    /** What one account contributes, read in one pass over its signals. */
    private static final class Ledger {
        double arrAtStart = Double.NaN;
        double arrNow = Double.NaN;
        double contraction;
        double expansion;
        boolean upsell;
        boolean crossSell;
    }

    private final ModelScorer scorer;
    private final SegmentPolicy segments;
    private final Duration period;
    private final Instant asOf;
    private final Instant periodStart;
    private int seen;
    private int started;
    private int completed;
    private final List<Integer> timesToValue = new ArrayList<>();
    private final Map<String, int[]> cohorts = new TreeMap<>();
    private int atStart;
    private int lost;
    private int upsells;
    private int crossSells;
    private double arrAtStart;
    private double arrChurned;
    private double arrContracted;
    private double arrExpanded;
    private final Map<String, double[]> bySegment = new LinkedHashMap<>();
    private final Map<String, Double> latestAnswerByRespondent = new HashMap<>();
    private final List<Double> anonymousAnswers = new ArrayList<>();

    KpiTally(ModelScorer scorer, SegmentPolicy segments, Duration period, Instant asOf) {
        this.scorer = scorer;
        this.segments = segments;
        this.period = period;
        this.asOf = asOf;
        this.periodStart = asOf.minus(period);
        for (String label : segments.labels()) bySegment.put(label, new double[4]);
    }

    /** Counts one account (its signals after {@code asOf} are ignored). */
    public void add(AccountHistory history) {
        List<Signal> signals = history.upTo(asOf);
        if (signals.isEmpty()) return;
        seen++;
        AccountEvaluation now = scorer.evaluate(history, asOf);
        if (now.onboarding() != null) {
            started++;
            if (now.onboarding().complete()) completed++;
            if (now.onboarding().timeToValueDays() != null) timesToValue.add(now.onboarding().timeToValueDays());
        }
        retention(signals, now.facts().effectiveStartDay(), asOf, cohorts);

        Ledger ledger = ledger(signals, periodStart, asOf);
        boolean liveAtStart = !signals.get(0).occurredAt().isAfter(periodStart)
                && !ChurnEvents.churnedAt(signals, periodStart);
        boolean churnedNow = ChurnEvents.churnedAt(signals, asOf);
        if (liveAtStart) {
            atStart++;
            boolean gone = ChurnEvents.firstChurnBetween(signals, periodStart, asOf) != null;
            double startArr = Double.isNaN(ledger.arrAtStart) ? 0 : ledger.arrAtStart;
            arrAtStart += startArr;
            if (gone) {
                lost++;
                arrChurned += startArr;
            } else {
                arrContracted += Math.min(startArr, ledger.contraction);
                arrExpanded += ledger.expansion;
            }
            if (ledger.upsell) upsells++;
            if (ledger.crossSell) crossSells++;
            double[] startSegment = bySegment.get(segments.classify(ledger.arrAtStart));
            startSegment[2]++;
            if (gone) startSegment[3]++;
        }
        if (!churnedNow) {
            double[] nowSegment = bySegment.get(segments.classify(ledger.arrNow));
            nowSegment[0]++;
            nowSegment[1] += Double.isNaN(ledger.arrNow) ? 0 : ledger.arrNow;
        }
        answers(history, signals, periodStart, latestAnswerByRespondent, anonymousAnswers);
    }

    /** The KPIs of every account added so far. */
    public KpiReport report() {
        List<KpiReport.CohortRetention> retention = new ArrayList<>();
        for (Map.Entry<String, int[]> c : cohorts.entrySet()) {
            int[] v = c.getValue();
            retention.add(new KpiReport.CohortRetention(c.getKey(), v[0], percent(v[2], v[1]), v[1], percent(v[4], v[3]), v[3]));
        }
        double mrrAtStart = arrAtStart / 12;
        double mrrLost = (arrChurned + arrContracted) / 12;
        KpiReport.Churn churn = new KpiReport.Churn(percent(lost, atStart), atStart, lost,
                arrAtStart > 0 ? Nps.oneDecimal(100 * mrrLost / mrrAtStart) : null, round2(mrrAtStart), round2(mrrLost));
        KpiReport.RevenueRetention revenue = new KpiReport.RevenueRetention(
                arrAtStart > 0 ? Nps.oneDecimal(100 * (arrAtStart - arrChurned - arrContracted) / arrAtStart) : null,
                arrAtStart > 0 ? Nps.oneDecimal(100 * (arrAtStart - arrChurned - arrContracted + arrExpanded) / arrAtStart) : null,
                round2(arrAtStart), round2(arrChurned), round2(arrContracted), round2(arrExpanded));
        KpiReport.Expansion expansion = new KpiReport.Expansion(percent(upsells, atStart), upsells,
                percent(crossSells, atStart), crossSells);

        Map<String, KpiReport.SegmentValue> ltv = new LinkedHashMap<>();
        double years = period.toSeconds() / (365.0 * 86_400);
        for (Map.Entry<String, double[]> s : bySegment.entrySet()) {
            double[] v = s.getValue();
            double average = v[0] == 0 ? 0 : v[1] / v[0];
            Double annualChurn = v[2] == 0 ? null : Math.round(10_000 * (v[3] / v[2]) / years) / 10_000.0;
            double lifetime = segments.lifetimeYears(annualChurn == null ? segments.annualChurnRate() : annualChurn);
            ltv.put(s.getKey(), new KpiReport.SegmentValue((int) v[0], round2(average), annualChurn, round2(lifetime),
                    round2(average * segments.grossMargin() * lifetime)));
        }

        List<Double> all = new ArrayList<>(latestAnswerByRespondent.values());
        all.addAll(anonymousAnswers);
        Nps nps = Nps.fromAnswers(all.stream().mapToDouble(Double::doubleValue).toArray());
        return new KpiReport(asOf.toString(), periodStart.toString(), seen,
                new KpiReport.OnboardingCompletion(percent(completed, started), completed, started, median(timesToValue)),
                retention, churn, revenue, expansion, ltv, nps);
    }

    /** Cohort counters: [accounts, eligible6, retained6, eligible12, retained12]. */
    private static void retention(List<Signal> signals, long startDay, Instant asOf, Map<String, int[]> cohorts) {
        if (startDay == Long.MIN_VALUE) return;
        LocalDate start = LocalDate.ofEpochDay(startDay);
        if (start.atStartOfDay().toInstant(ZoneOffset.UTC).isAfter(asOf)) return;
        int[] c = cohorts.computeIfAbsent(start.toString().substring(0, 7), k -> new int[5]);
        c[0]++;
        Instant six = start.plusMonths(6).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant twelve = start.plusMonths(12).atStartOfDay().toInstant(ZoneOffset.UTC);
        if (!six.isAfter(asOf)) {
            c[1]++;
            if (!ChurnEvents.churnedAt(signals, six)) c[2]++;
        }
        if (!twelve.isAfter(asOf)) {
            c[3]++;
            if (!ChurnEvents.churnedAt(signals, twelve)) c[4]++;
        }
    }

    private static Ledger ledger(List<Signal> signals, Instant periodStart, Instant asOf) {
        Ledger l = new Ledger();
        for (Signal s : signals) {
            boolean inPeriod = s.occurredAt().isAfter(periodStart);
            if (s.kind() == SignalKind.ACCOUNT_TRAITS) {
                String arr = s.attribute(Attributes.ARR);
                if (arr == null) continue;
                try {
                    double value = Double.parseDouble(arr.trim());
                    if (!inPeriod) l.arrAtStart = value;
                    l.arrNow = value;
                } catch (NumberFormatException ignored) {
                    // a malformed trait is skipped, as the scorer skips it
                }
            } else if (s.kind() == SignalKind.OPPORTUNITY_CLOSED && inPeriod && s.hasValue()
                    && "won".equalsIgnoreCase(s.attribute(Attributes.OUTCOME))) {
                String type = String.valueOf(s.attribute(Attributes.OPPORTUNITY_TYPE)).toLowerCase(java.util.Locale.ROOT);
                switch (type) {
                    case "upsell" -> { l.upsell = true; l.expansion += Math.abs(s.value()); }
                    case "cross-sell" -> { l.crossSell = true; l.expansion += Math.abs(s.value()); }
                    case "downgrade" -> l.contraction += Math.abs(s.value());
                    default -> { }
                }
            }
        }
        return l;
    }

    /** The latest answer per respondent (account and user) in the period; answers without a user each count. */
    private static void answers(AccountHistory history, List<Signal> signals, Instant periodStart,
                                Map<String, Double> latest, List<Double> anonymous) {
        String account = history.profile() == null ? "?" : history.profile().id();
        for (Signal s : signals) {
            if (s.kind() != SignalKind.NPS_ANSWER || !s.hasValue() || !s.occurredAt().isAfter(periodStart)) continue;
            if (s.user().isEmpty()) anonymous.add(s.value());
            else latest.put(account + "\u0000" + s.user(), s.value());
        }
    }

    private static Double percent(int part, int whole) {
        return whole == 0 ? null : Nps.oneDecimal(100.0 * part / whole);
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static Double median(List<Integer> values) {
        if (values.isEmpty()) return null;
        List<Integer> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
