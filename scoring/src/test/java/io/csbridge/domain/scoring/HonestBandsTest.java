package io.csbridge.domain.scoring;

import io.csbridge.domain.health.BandThresholds;
import io.csbridge.domain.health.HealthModel;
import io.csbridge.domain.health.LifecycleStage;
import io.csbridge.domain.health.Measure;
import io.csbridge.domain.health.MeasureSpec;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;
import io.csbridge.domain.signal.SignalKind;
import io.csbridge.store.settings.ScoringConfigJson;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/** No false Reds: an account is Red for what is known about it, never for what is not. */
class HonestBandsTest {

    final ModelScorer scorer = ModelScorer.withDefaults();

    /** An Account as it arrives from Salesforce: name, ARR, seats, renewal; no usage, no tickets yet. */
    static AccountBuilder fromSalesforce(String id, double daysAgo) {
        return account(id).traits(daysAgo(daysAgo), "name", "Acme " + id, "arr", "24000", "seats", "20",
                "renewalDate", NOW.plus(java.time.Duration.ofDays(300)).toString().substring(0, 10));
    }

    @Test
    void aBrandNewAccountWithNoDataIsUnknownNotRedAndSaysWhy() {
        AccountScore score = scorer.score(fromSalesforce("new", 3).history(), NOW);
        assertThat(score.band()).isEqualTo(Band.UNKNOWN);
        Driver why = score.drivers().get(0);
        assertThat(why.measure()).isEqualTo("evidence");
        assertThat(why.explanation()).startsWith("too little evidence to judge: data for 0% of the model's weight, 30% needed (")
                .contains("onboarding: no milestone due yet on day 3 of the plan", "activeDays: no product usage seen");
        assertThat(score.drivers()).noneMatch(d -> d.measure().equals("risk.redHealth"));
    }

    @Test
    void anEstablishedAccountKnownOnlyFromTheCrmIsUnknownNotRed() {
        AccountScore score = scorer.score(fromSalesforce("crm-only", 200).history(), NOW);
        assertThat(score.band()).isEqualTo(Band.UNKNOWN);
        assertThat(score.topReasons(1)).startsWith("too little evidence to judge: data for 2% of the model's weight");
    }

    @Test
    void anOnboardingAccountOnTrackIsNotRedAndItsOnboardingIsJudgedAgainstTheSchedule() {
        // day 10: first login (due day 3) reached, nothing else due yet; little use since
        AccountBuilder a = fromSalesforce("on-track", 10).used(daysAgo(9), "Signed In", "u1");
        AccountEvaluation e = scorer.evaluate(a.history(), NOW);
        assertThat(e.stage()).isEqualTo(LifecycleStage.ONBOARDING);
        assertThat(e.onboarding().completion()).isEqualTo(10);
        assertThat(e.health().band()).isNotIn(Band.RED, Band.UNKNOWN);
        assertThat(e.health().drivers()).anySatisfy(d -> {
            assertThat(d.measure()).isEqualTo("onboarding");
            assertThat(d.value()).isEqualTo(100);
            assertThat(d.explanation()).isEqualTo("onboarding 10% complete, on schedule on day 10");
        });
    }

    @Test
    void onTrackIsNotRedEvenUnderAModelThatWeighsOnboardingLittle() {
        HealthModel usageFirst = new HealthModel("usage-first", "*", LifecycleStage.ONBOARDING, BandThresholds.standard(), List.of(
                MeasureSpec.of(Measure.ONBOARDING, 5, 0, 0, 100, 100),
                MeasureSpec.of(Measure.ACTIVE_DAYS, 50, 0, 0, 20, 100),
                MeasureSpec.of(Measure.URGENT_TICKETS, 45, 0, 100, 1, 0)));
        ScoringConfig config = ScoringConfig.defaults().withHealthModels(List.of(usageFirst, HealthModel.adopted()));
        AccountBuilder a = fromSalesforce("thin", 10).used(daysAgo(9), "Signed In", "u1")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(1), "7", "priority", "urgent");
        AccountScore score = new ModelScorer(config).score(a.history(), NOW);
        assertThat(score.healthScore()).isLessThan(40);
        assertThat(score.band()).isEqualTo(Band.YELLOW);
        assertThat(score.drivers().get(0).measure()).isEqualTo("onboardingSchedule");
        assertThat(score.drivers().get(0).explanation()).isEqualTo("onboarding on schedule (day 10 of the plan): Yellow, not Red, while on track");
    }

    @Test
    void anOnboardingAccountBehindScheduleIsJudgedOnWhatWasDue() {
        // day 25: first login, setup and the integration were due (10 + 20 + 20 of the weight); only the login happened
        AccountBuilder a = fromSalesforce("behind", 25).used(daysAgo(24), "Signed In", "u1");
        AccountEvaluation e = scorer.evaluate(a.history(), NOW);
        assertThat(e.health().drivers()).anySatisfy(d -> {
            assertThat(d.measure()).isEqualTo("onboarding");
            assertThat(d.value()).isEqualTo(20);
            assertThat(d.explanation()).isEqualTo("onboarding 10% complete, 20% of what is due by day 25 reached");
        });
    }

    @Test
    void missingInputsAreLeftOutOfTheSumAndNamedInTheDrivers() {
        AccountBuilder a = fromSalesforce("usage-only", 300);
        for (int d = 1; d < 30; d++) a.usedOnDaysAgo("u" + (d % 12), d);
        AccountEvaluation e = scorer.evaluate(a.history(), NOW);
        assertThat(e.health().band()).isEqualTo(Band.GREEN);
        assertThat(e.health().evidence()).isBetween(0.5, 0.6);
        double sum = e.health().drivers().stream().mapToDouble(Driver::contribution).sum();
        assertThat(sum).isCloseTo(e.health().score(), org.assertj.core.api.Assertions.within(0.1));
        Driver last = e.health().drivers().get(e.health().drivers().size() - 1);
        assertThat(last.measure()).isEqualTo("evidence");
        assertThat(last.explanation()).startsWith("left out for lack of input: openTickets: no support tickets seen; ")
                .contains("nps: no NPS answer in 365 days").doesNotContain("featureAdoption");
        assertThat(last.inputs().get("missing")).asList().contains("openTickets", "nps").doesNotContain("featureAdoption");
        assertThat(e.staleInputs()).contains("featureAdoption: no key features configured");
    }

    @Test
    void configurationsSavedBeforeMinEvidenceReadWithTheDefaultAndZeroJudgesEveryAccount() {
        String saved = ScoringConfigJson.write(ScoringConfig.defaults()).replaceAll(",\\s*\"minEvidence\"\\s*:\\s*0\\.3", "");
        assertThat(saved).doesNotContain("minEvidence");
        ScoringConfig old = ScoringConfigJson.read(saved);
        assertThat(old.healthModels().get(0).bands().minEvidence()).isEqualTo(BandThresholds.DEFAULT_MIN_EVIDENCE);
        assertThat(old).isEqualTo(ScoringConfig.defaults());

        ScoringConfig judgeAll = ScoringConfigJson.read(saved.replace("\"yellow\" : 40.0", "\"yellow\" : 40.0, \"minEvidence\" : 0"));
        assertThat(judgeAll.healthModels().get(1).bands().minEvidence()).isZero();
        assertThat(new ModelScorer(judgeAll).score(fromSalesforce("crm-only", 200).history(), NOW).band()).isNotEqualTo(Band.UNKNOWN);
    }

    @Test
    void theDryRunShowsWhichAccountsTheEvidenceRuleMovesToUnknown() {
        ScoringConfig judgeAll = ScoringConfig.defaults().withVersion("judge-all").withHealthModels(List.of(
                withMinEvidence(HealthModel.onboarding(), 0), withMinEvidence(HealthModel.adopted(), 0)));
        AccountBuilder active = fromSalesforce("active", 300);
        for (int d = 1; d < 30; d++) active.usedOnDaysAgo("u1", d);
        AccountBuilder lapsed = fromSalesforce("lapsed", 300).usedOnDaysAgo("u1", 200);
        AccountBuilder overdue = account("overdue").traits(daysAgo(400), "name", "Overdue", "renewalDate",
                NOW.minus(java.time.Duration.ofDays(10)).toString().substring(0, 10));
        List<AccountHistory> accounts = List.of(fromSalesforce("crm-only", 200).history(), overdue.history(),
                active.history(), lapsed.history());
        assertThat(new ModelScorer(judgeAll).score(lapsed.history(), NOW).band()).isEqualTo(Band.RED);
        DryRun.Report report = DryRun.compare(accounts, judgeAll, ScoringConfig.defaults(), NOW);
        // judged on a renewal date alone, one looked Green and one Red; the lapsed customer stays Red
        assertThat(report.changes()).extracting(DryRun.BandChange::accountId).containsExactly("crm-only", "overdue");
        assertThat(report.moves()).containsOnly(java.util.Map.entry("Green->Unknown", 1), java.util.Map.entry("Red->Unknown", 1));
    }

    static HealthModel withMinEvidence(HealthModel m, double minEvidence) {
        return new HealthModel(m.name(), m.segment(), m.stage(),
                new BandThresholds(m.bands().green(), m.bands().yellow(), minEvidence), m.measures());
    }
}
