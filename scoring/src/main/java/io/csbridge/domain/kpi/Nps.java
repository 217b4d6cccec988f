package io.csbridge.domain.kpi;

/**
 * Net Promoter Score with its 95% margin of error, in points. Promoters answer 9-10, passives 7-8,
 * detractors 0-6. With p and d the shares, Var = (p + d - (p - d)^2) / n and the margin is
 * 1.96 * sqrt(Var): small samples mislead, so n travels with the score.
 */
public record Nps(Double score, Double margin95, int n, int promoters, int passives, int detractors) {

    public static Nps of(int promoters, int passives, int detractors) {
        int n = promoters + passives + detractors;
        if (n == 0) return new Nps(null, null, 0, 0, 0, 0);
        double p = (double) promoters / n;
        double d = (double) detractors / n;
        double variance = (p + d - (p - d) * (p - d)) / n;
        return new Nps(oneDecimal(100 * (p - d)), oneDecimal(100 * 1.96 * Math.sqrt(variance)), n, promoters, passives, detractors);
    }

    /** From answers on the 0-10 scale; anything else is not an NPS answer and is ignored. */
    public static Nps fromAnswers(double... answers) {
        int promoters = 0, passives = 0, detractors = 0;
        for (double a : answers) {
            if (!(a >= 0 && a <= 10)) continue;
            if (a >= 9) promoters++;
            else if (a >= 7) passives++;
            else detractors++;
        }
        return of(promoters, passives, detractors);
    }

    static Double oneDecimal(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
