package io.csbridge.app.model;

import io.csbridge.app.jobs.Jobs;
import io.csbridge.domain.risk.ChurnModelTrainer;
import io.csbridge.domain.risk.FittedChurnModel;
import io.csbridge.domain.scoring.AccountHistory;
import io.csbridge.domain.scoring.Backtest;
import io.csbridge.domain.scoring.DryRun;
import io.csbridge.domain.scoring.MeasureDistribution;
import io.csbridge.domain.scoring.ModelPreview;
import io.csbridge.domain.scoring.ScoringConfig;
import io.csbridge.runtime.LiveScorer;
import io.csbridge.runtime.Pipeline;
import io.csbridge.store.account.AccountCatalog;
import io.csbridge.store.settings.ScoringConfigJson;
import io.csbridge.store.settings.SettingsStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The scoring model (health models, onboarding plans, churn risk, segments) as versioned settings: the
 * version in force and its history; a change tried first (dry run: which accounts would change band),
 * backtested (how well it ranks the accounts that churned afterwards) or saved, which rescores every
 * account; and the churn-risk model fitted to this customer's own history.
 */
@ApplicationScoped
public class ModelAdmin {

    static final Duration BACKTEST_SPAN = Duration.ofDays(90);
    static final Duration FIT_SPAN = Duration.ofDays(180);

    /** The model in force (its JSON form) and who saved it when (null for the defaults). */
    public record Current(String version, Instant savedAt, String savedBy, String configJson) {
    }

    /** A saved model, and the job rescoring every account with it. */
    public record Saved(int version, Jobs.Progress rescoreJob) {
    }

    /** The past window a backtest or a fit looks at: scored as of {@code asOf}, churn observed until {@code until}. */
    public record Window(Instant asOf, Instant until) {
    }

    /** A fitted churn-risk model, and the model in force with it in it (JSON), to dry-run and save if trusted. */
    public record Fit(FittedChurnModel fitted, String proposedConfigJson) {
    }

    /** Too little history to fit a churn-risk model on (too few accounts, or no churn among them). */
    public static final class NotEnoughHistory extends RuntimeException {
        NotEnoughHistory(IllegalArgumentException cause) {
            super(cause.getMessage(), cause);
        }
    }

    @Inject
    Pipeline pipeline;

    @Inject
    LiveScorer scorer;

    @Inject
    Jobs jobs;

    public Current current() {
        ScoringConfig config = scorer.model().config();
        var saved = new SettingsStore(pipeline.database()).current(SettingsStore.SCORING);
        return new Current(config.version(), saved.map(SettingsStore.Version::createdAt).orElse(null),
                saved.map(SettingsStore.Version::createdBy).orElse(null), ScoringConfigJson.write(config));
    }

    /** The model in force. */
    public ScoringConfig inForce() {
        return scorer.model().config();
    }

    /** The saved versions, newest first. */
    public List<SavedVersion> history(int limit) {
        return new SettingsStore(pipeline.database()).history(SettingsStore.SCORING, limit).stream()
                .map(SavedVersion::of).toList();
    }

    /**
     * Reads and validates a model's JSON form.
     *
     * @throws io.csbridge.domain.score.InvalidConfigException with every problem found
     */
    public ScoringConfig parse(String json) {
        return ScoringConfigJson.read(json);
    }

    /** Which accounts would change band now if {@code proposed} were in force. */
    public DryRun.Report dryRun(ScoringConfig proposed) {
        Instant now = pipeline.clock().instant();
        ScoringConfig current = scorer.model().config();
        return DryRun.compare(histories(now), current, proposed.withVersion("proposed"), now);
    }

    /**
     * The editor's live preview of {@code proposed}: the dry run now with named examples each way, the
     * backtest over {@code w} beside the current model's, and the onboarding states under each.
     */
    public ModelPreview preview(ScoringConfig proposed, Window w) {
        Instant now = pipeline.clock().instant();
        return ModelPreview.of(histories(now), scorer.model().config(), proposed.withVersion("proposed"), now, w.asOf(), w.until());
    }

    /** Each measure's inputs across the current portfolio now, for the editor's charts. */
    public List<MeasureDistribution> distributions() {
        Instant now = pipeline.clock().instant();
        return MeasureDistribution.portfolio(histories(now), scorer.model().config(), now);
    }

    /** Saves {@code proposed} as the next version, puts it in force and starts rescoring every account. */
    public Saved save(ScoringConfig proposed, String by, String note) {
        Instant now = pipeline.clock().instant();
        int version = new SettingsStore(pipeline.database()).save(SettingsStore.SCORING,
                ScoringConfigJson.write(proposed.withVersion("draft")), by, note, now);
        scorer.reload();
        return new Saved(version, jobs.startRescore(by));
    }

    /** A backtest window: {@code until} defaults to now and never passes it; {@code asOf} to 90 days before it. */
    public Window backtestWindow(Instant asOf, Instant until) {
        return window(asOf, until, BACKTEST_SPAN);
    }

    /** A fit window: {@code until} defaults to now and never passes it; {@code asOf} to 180 days before it. */
    public Window fitWindow(Instant asOf, Instant until) {
        return window(asOf, until, FIT_SPAN);
    }

    /** How well {@code config} would have ranked the accounts that churned within the window. */
    public Backtest.Report backtest(ScoringConfig config, Window w) {
        return Backtest.run(histories(w.until()), config, w.asOf(), w.until());
    }

    /**
     * Fits the churn-risk model (logistic regression): accounts scored as of {@code asOf}, labelled by
     * whether they churned by {@code until}. Nothing is switched on here.
     *
     * @throws NotEnoughHistory when the window holds too little to learn from
     */
    public Fit fit(Window w) {
        ScoringConfig current = scorer.model().config();
        FittedChurnModel fitted;
        try {
            fitted = Backtest.fitChurnModel(histories(w.until()), current, w.asOf(), w.until(), ChurnModelTrainer.standard());
        } catch (IllegalArgumentException e) {
            throw new NotEnoughHistory(e);
        }
        return new Fit(fitted, ScoringConfigJson.write(current.withChurnRisk(current.churnRisk().withFitted(fitted))));
    }

    /** @throws IllegalArgumentException when {@code asOf} is not before {@code until} */
    private Window window(Instant asOf, Instant until, Duration defaultSpan) {
        Instant now = pipeline.clock().instant();
        Instant end = until == null || until.isAfter(now) ? now : until;
        Instant start = asOf == null ? end.minus(defaultSpan) : asOf;
        if (!start.isBefore(end)) throw new IllegalArgumentException("asOf must be before until");
        return new Window(start, end);
    }

    private List<AccountHistory> histories(Instant asOf) {
        return new AccountCatalog(pipeline.database()).histories(asOf);
    }
}
