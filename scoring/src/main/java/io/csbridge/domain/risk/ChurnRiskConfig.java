package io.csbridge.domain.risk;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The churn-risk rules, and optionally a fitted model that replaces their sum as the risk figure
 * (the rules still give the reasons).
 */
public record ChurnRiskConfig(List<RiskRuleSpec> rules, FittedChurnModel fitted) {

    public ChurnRiskConfig {
        rules = rules == null ? null : List.copyOf(rules);
    }

    /**
     * The rules of DOMAIN.md. Usage is judged against the account's own rhythm ({@link UsageRhythm}):
     * {@code lapse} (has it stopped, given how long an account that usually comes back every so many
     * days has been silent) and {@code rareUse} (will it be seen in the next quarter even at its own
     * pace) take 50 points each: they are the two halves of one probability of no activity in the
     * next 90 days, so that together they read as a risk on the probability scale. Their inputs are
     * already percentages, so their severity is the input over 100. {@code neverUsed} takes the same
     * 50 points for an account that has not started at all, from 7 days after its start to 90 days
     * (a quarter with no use at all is as bad as having stopped). The fixed-threshold usage rules
     * ({@code inactivity}, {@code lowUsage}, {@code lowFrequency}) are left out of the defaults: they
     * read the same silence and frequency with one yardstick for every account, which the rhythm rules
     * replace; they stay available to a configuration. {@code fallingUsage} (a trend the rhythm over a
     * year does not show) and the rules that read other evidence catch what usage cannot show.
     * Evidence in docs/EVALUATION.md.
     */
    public static ChurnRiskConfig standard() {
        return new ChurnRiskConfig(List.of(
                RiskRuleSpec.of(RiskRule.LAPSE, 50, 0, 0, 100, 1),
                RiskRuleSpec.of(RiskRule.RARE_USE, 50, 0, 0, 100, 1),
                RiskRuleSpec.of(RiskRule.NEVER_USED, 50, 7, 0, 30, 0.5, 90, 1),
                RiskRuleSpec.of(RiskRule.FALLING_USAGE, 10, -100, 1, -50, 0.6, -20, 0),
                RiskRuleSpec.of(RiskRule.RED_HEALTH, 15, 20, 1, 40, 0.7, 70, 0),
                RiskRuleSpec.of(RiskRule.DETRACTOR_NPS, 15, 0, 1, 6, 0.6, 7, 0),
                RiskRuleSpec.of(RiskRule.TICKET_SPIKE, 10, 1, 0, 2, 0.3, 5, 1),
                RiskRuleSpec.of(RiskRule.STALLED_ONBOARDING, 15, 0, 0, 1, 0.4, 2, 1),
                RiskRuleSpec.of(RiskRule.RENEWAL_CLOSE_LOW_HEALTH, 20, 0, 1, 30, 0.8, 90, 0.4, 120, 0)), null);
    }

    /**
     * The defaults before the rhythm rules (up to 2026-11): fixed-threshold inactivity, low and falling
     * usage, low frequency. Kept to compare against (docs/EVALUATION.md) and for teams that prefer them.
     */
    public static ChurnRiskConfig fixedThresholds() {
        return new ChurnRiskConfig(List.of(
                RiskRuleSpec.of(RiskRule.INACTIVITY, 35, 3, 0, 14, 0.3, 30, 0.5, 90, 0.8, 180, 0.95, 270, 1),
                RiskRuleSpec.of(RiskRule.LOW_USAGE, 10, 0, 1, 3, 0.6, 8, 0),
                RiskRuleSpec.of(RiskRule.FALLING_USAGE, 10, -100, 1, -50, 0.6, -20, 0),
                RiskRuleSpec.of(RiskRule.LOW_FREQUENCY, 15, 0, 1, 0.5, 0.7, 1, 0.45, 2, 0.25, 5, 0.1, 10, 0),
                RiskRuleSpec.of(RiskRule.RED_HEALTH, 15, 20, 1, 40, 0.7, 70, 0),
                RiskRuleSpec.of(RiskRule.DETRACTOR_NPS, 15, 0, 1, 6, 0.6, 7, 0),
                RiskRuleSpec.of(RiskRule.TICKET_SPIKE, 10, 1, 0, 2, 0.3, 5, 1),
                RiskRuleSpec.of(RiskRule.STALLED_ONBOARDING, 15, 0, 0, 1, 0.4, 2, 1),
                RiskRuleSpec.of(RiskRule.RENEWAL_CLOSE_LOW_HEALTH, 20, 0, 1, 30, 0.8, 90, 0.4, 120, 0)), null);
    }

    public ChurnRiskConfig withFitted(FittedChurnModel model) {
        return new ChurnRiskConfig(rules, model);
    }

    public void check(String where, List<String> problems) {
        if (rules == null) {
            problems.add(where + ": 'rules' is required (may be empty)");
            return;
        }
        Set<RiskRule> seen = EnumSet.noneOf(RiskRule.class);
        for (int i = 0; i < rules.size(); i++) {
            RiskRuleSpec spec = rules.get(i);
            String at = where + ".rules[" + i + "]";
            if (spec == null) {
                problems.add(at + ": is empty");
                continue;
            }
            spec.check(at, problems);
            if (spec.rule() != null && !seen.add(spec.rule())) problems.add(at + ": rule " + spec.rule() + " appears twice");
        }
        if (fitted != null) fitted.check(where + ".fitted", problems);
    }
}
