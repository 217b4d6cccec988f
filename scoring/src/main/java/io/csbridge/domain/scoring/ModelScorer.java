package io.csbridge.domain.scoring;

import io.csbridge.domain.health.HealthModel;
import io.csbridge.domain.health.LifecycleStage;
import io.csbridge.domain.score.AccountFacts;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.AccountSummary;
import io.csbridge.domain.score.Driver;
import io.csbridge.domain.score.HealthAssessment;
import io.csbridge.domain.score.InvalidConfigException;

import io.csbridge.domain.onboarding.MilestoneCatalog;
import io.csbridge.domain.onboarding.Onboarding;
import io.csbridge.domain.onboarding.OnboardingProgress;
import io.csbridge.domain.onboarding.OnboardingState;
import io.csbridge.domain.risk.ChurnRisk;
import io.csbridge.domain.risk.RiskAssessment;
import io.csbridge.domain.risk.RiskContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scorer the product runs: segment, onboarding progress, lifecycle stage, the stage's health
 * model, churn risk and the 30-day trend, all from one {@link ScoringConfig}. A pure function of the
 * configuration and the signals stamped up to {@code asOf}: arrival order, the clock and anything
 * stored elsewhere play no part, which is what makes as-of queries, dry runs and backtests honest.
 *
 * <p>Drivers in the {@link AccountScore}: the health measures first, ordered by impact, then the
 * churn-risk reasons (measure names starting with "risk."), ordered by points.
 */
public final class ModelScorer implements AccountScorer {

    static final Duration TREND_WINDOW = Duration.ofDays(30);

    private final ScoringConfig config;
    private final FactCollector collector;
    private final Onboarding onboarding;
    private final ChurnRisk churnRisk;

    /** @throws InvalidConfigException if the configuration is not usable */
    public ModelScorer(ScoringConfig config) {
        this.config = config.validated();
        MilestoneCatalog catalog = new MilestoneCatalog(config.onboardingPlans());
        this.collector = new FactCollector(config.inputs().keyFeatures(), catalog);
        this.onboarding = new Onboarding(catalog);
        this.churnRisk = new ChurnRisk(config.churnRisk());
    }

    public static ModelScorer withDefaults() {
        return new ModelScorer(ScoringConfig.defaults());
    }

    public ScoringConfig config() {
        return config;
    }

    @Override
    public AccountScore score(AccountHistory history, Instant asOf) {
        AccountEvaluation now = evaluate(history, asOf);
        Integer trend = null;
        Instant before = asOf.minus(TREND_WINDOW);
        List<io.csbridge.domain.signal.Signal> earlier = history.upTo(before);
        if (!earlier.isEmpty()) {
            HealthAssessment then = assessHealth(collector.collect(earlier, before));
            trend = now.health().roundedScore() - then.roundedScore();
        }
        List<Driver> drivers = new ArrayList<>(now.health().drivers().size() + now.risk().reasons().size());
        drivers.addAll(now.health().drivers());
        drivers.addAll(now.risk().reasons());
        AccountScore score = new AccountScore(now.health().roundedScore(), now.health().band(), now.risk().roundedRisk(),
                now.onboardingCompletion(), now.segment(), trend, drivers, now.staleInputs(), asOf);
        return ScoreOverride.apply(score, ScoreOverride.inForce(history.upTo(asOf), asOf),
                config.modelFor(now.segment(), now.stage()).bands());
    }

    @Override
    public AccountSummary summarize(AccountHistory history, Instant asOf) {
        AccountEvaluation e = evaluate(history, asOf);
        AccountFacts f = e.facts();
        return new AccountSummary(f.owner(), Double.isNaN(f.arr()) ? null : f.arr(), Double.isNaN(f.seats()) ? null : f.seats(),
                f.plan(), f.renewalDay() == AccountFacts.NONE ? null : java.time.LocalDate.ofEpochDay(f.renewalDay()),
                e.onboarding() == null ? null : e.onboarding().state().label(), e.stage().name().toLowerCase(), f.churned());
    }

    /** The full evaluation of the account as it stood at {@code asOf}. */
    public AccountEvaluation evaluate(AccountHistory history, Instant asOf) {
        return evaluate(accountId(history), history.upTo(asOf), asOf);
    }

    private AccountEvaluation evaluate(String accountId, List<io.csbridge.domain.signal.Signal> signals, Instant asOf) {
        AccountFacts facts = collector.collect(signals, asOf);
        String segment = config.segments().classify(facts.arr(), facts.customAttributes());
        OnboardingProgress progress = onboarding.progress(facts, segment);
        LifecycleStage stage = onboarding.isOnboarding(progress, segment) ? LifecycleStage.ONBOARDING : LifecycleStage.ADOPTED;
        HealthAssessment health = judge(config.modelFor(segment, stage), facts, stage, progress);
        RiskAssessment risk = churnRisk.assess(new RiskContext(facts, health, progress, stage == LifecycleStage.ONBOARDING));
        return new AccountEvaluation(accountId, facts, segment, stage, progress, health, risk, staleInputs(facts, health));
    }

    /** The health part alone: what the trend needs from the score 30 days ago. */
    private HealthAssessment assessHealth(AccountFacts facts) {
        String segment = config.segments().classify(facts.arr(), facts.customAttributes());
        OnboardingProgress progress = onboarding.progress(facts, segment);
        LifecycleStage stage = onboarding.isOnboarding(progress, segment) ? LifecycleStage.ONBOARDING : LifecycleStage.ADOPTED;
        return judge(config.modelFor(segment, stage), facts, stage, progress);
    }

    /**
     * The stage's model applied, onboarding judged against the plan's schedule: while an onboarding
     * account is on track (every milestone due by now reached), it is not Red, whatever else is thin.
     */
    private static HealthAssessment judge(HealthModel model, AccountFacts facts, LifecycleStage stage,
                                          OnboardingProgress progress) {
        HealthAssessment health = model.assess(facts, progress);
        if (health.band() != Band.RED || stage != LifecycleStage.ONBOARDING || progress == null
                || (progress.state() != OnboardingState.ON_TRACK && progress.state() != OnboardingState.COMPLETED)) {
            return health;
        }
        return health.rebanded(Band.YELLOW, new Driver("onboardingSchedule", 100, 0,
                "onboarding on schedule (day " + progress.daysSinceStart() + " of the plan): Yellow, not Red, while on track",
                Map.of("onboardingState", progress.state().label(), "daysSinceStart", progress.daysSinceStart(),
                        "healthScore", health.roundedScore())));
    }

    private List<String> staleInputs(AccountFacts facts, HealthAssessment health) {
        List<String> stale = new ArrayList<>(health.missing());
        int usageDays = config.inputs().usageStaleAfterDays();
        if (facts.everUsed() && facts.asOf() - facts.lastUsage() > usageDays * 86_400L) {
            stale.add("usage: no usage signal in " + usageDays + " days");
        }
        int npsDays = config.inputs().npsStaleAfterDays();
        if (facts.npsLatestAt() != AccountFacts.NONE && facts.asOf() - facts.npsLatestAt() > npsDays * 86_400L) {
            stale.add("nps: latest answer older than " + npsDays + " days");
        }
        return stale;
    }

    private static String accountId(AccountHistory history) {
        return history.profile() == null ? null : history.profile().id();
    }
}
