package io.csbridge.domain.kpi;

import java.util.List;
import java.util.Map;

/**
 * The KPIs of DOMAIN.md as of one moment, over the period ({@code periodStart}, {@code asOf}].
 * Rates are percentages with one decimal; a rate with nothing to divide by is null. Serialises to
 * the JSON of CONTRACT §5 ({@code "nps":{"score":30.0,"margin95":15.3,"n":100,...}}).
 */
public record KpiReport(String asOf, String periodStart, int accounts,
                        OnboardingCompletion onboardingCompletion, List<CohortRetention> retention,
                        Churn churn, RevenueRetention revenueRetention, Expansion expansion,
                        Map<String, SegmentValue> ltvBySegment, Nps nps) {

    public KpiReport {
        retention = List.copyOf(retention);
        ltvBySegment = Map.copyOf(ltvBySegment);
    }

    /** Accounts that met the completion criteria / accounts that started onboarding. */
    public record OnboardingCompletion(Double rate, int completed, int started, Double medianTimeToValueDays) {
    }

    /**
     * Accounts that started in one month ({@code cohort}, yyyy-MM) still live 6 and 12 months later;
     * only accounts that started at least that long ago are counted.
     */
    public record CohortRetention(String cohort, int accounts, Double retained6m, int eligible6m,
                                  Double retained12m, int eligible12m) {
    }

    /** Customer churn (accounts lost / accounts at the start) and revenue churn (MRR lost / MRR at the start). */
    public record Churn(Double customerChurnRate, int accountsAtStart, int accountsLost,
                        Double revenueChurnRate, double mrrAtStart, double mrrLost) {
    }

    /** Gross and net revenue retention of the ARR live at the start: churn and downgrades out, expansion in (net only). */
    public record RevenueRetention(Double grr, Double nrr, double arrAtStart, double arrChurned, double arrContracted,
                                   double arrExpanded) {
    }

    /** Share of the accounts live at the start that won an upsell / a cross-sell during the period. */
    public record Expansion(Double upsellRate, int upsellAccounts, Double crossSellRate, int crossSellAccounts) {
    }

    /** LTV = average ARR x gross margin x expected lifetime (1 / the segment's annual churn rate, capped). */
    public record SegmentValue(int accounts, double averageArr, Double annualChurnRate, double lifetimeYears, double ltv) {
    }
}
