package io.csbridge.domain.onboarding;

import io.csbridge.domain.scoring.AccountBuilder;
import io.csbridge.domain.scoring.FactCollector;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

class OnboardingTest {

    // start 2026-02-01 (28 days before NOW): login due day 3, setup day 14, invite day 20, value day 40
    static final OnboardingPlan PLAN = new OnboardingPlan("test", "*", 7, 90, "value", List.of(
            Milestone.onEvent("login", "first login", 10, 3, "Signed In"),
            Milestone.onTrait("setup", "setup completed", 30, 14, TraitCondition.equalTo("setupDone", "true")),
            Milestone.onUsers("invite", "2 users", 20, 20, 2),
            Milestone.onMilestone("value", "first report", 40, 40, "first-report")));

    final MilestoneCatalog catalog = new MilestoneCatalog(List.of(PLAN));
    final FactCollector collector = new FactCollector(List.of(), catalog);
    final Onboarding onboarding = new Onboarding(catalog);

    OnboardingProgress progress(AccountBuilder a) {
        return onboarding.progress(collector.collect(a.history().upTo(NOW), NOW), "tech-touch");
    }

    static AccountBuilder started() {
        return account("a").traits(daysAgo(30), "startDate", "2026-02-01");
    }

    @Test
    void completionIsTheWeightedShareOfMilestonesReached() {
        OnboardingProgress p = progress(started().used(daysAgo(27), "Signed In", "u1")
                .traits(daysAgo(20), "setupDone", "true").used(daysAgo(2), "Report Viewed", "u1"));
        assertThat(p.completion()).isEqualTo(40);
        assertThat(p.reached()).containsExactly("first login", "setup completed");
    }

    @Test
    void anAccountThatReachedEveryDueMilestoneIsOnTrack() {
        OnboardingProgress p = progress(started().used(daysAgo(27), "Signed In", "u1")
                .traits(daysAgo(20), "setupDone", "true").used(daysAgo(10), "Report Viewed", "u2"));
        assertThat(p.state()).isEqualTo(OnboardingState.ON_TRACK);
        assertThat(p.overdue()).isEmpty();
    }

    @Test
    void anOverdueMilestoneWithRecentProgressIsBehind() {
        OnboardingProgress p = progress(started().used(daysAgo(27), "Signed In", "u1")
                .traits(daysAgo(3), "setupDone", "true"));
        assertThat(p.state()).isEqualTo(OnboardingState.BEHIND);
        assertThat(p.overdue()).containsExactly("2 users");
    }

    @Test
    void anOverdueMilestoneWithNoProgressForAWhileIsStalled() {
        OnboardingProgress p = progress(started().used(daysAgo(27), "Signed In", "u1"));
        assertThat(p.state()).isEqualTo(OnboardingState.STALLED);
        assertThat(p.overdue()).containsExactly("setup completed", "2 users");
    }

    @Test
    void everyMilestoneReachedIsCompletedWithTimeToValue() {
        OnboardingProgress p = progress(started().used(daysAgo(27), "Signed In", "u1")
                .traits(daysAgo(20), "setupDone", "true").used(daysAgo(15), "Report Viewed", "u2")
                .milestone(daysAgo(16), "first-report"));
        assertThat(p.state()).isEqualTo(OnboardingState.COMPLETED);
        assertThat(p.completion()).isEqualTo(100);
        assertThat(p.timeToValueDays()).isEqualTo(12);
    }

    @Test
    void withoutAStartDateOnboardingStartsWhenTheAccountIsFirstSeen() {
        OnboardingProgress p = progress(account("b").used(daysAgo(5), "Signed In", "u1"));
        assertThat(p.daysSinceStart()).isEqualTo(5);
        assertThat(p.state()).isEqualTo(OnboardingState.ON_TRACK);
    }

    @Test
    void aNumericTraitConditionIsMetAtTheThreshold() {
        TraitCondition c = TraitCondition.atLeast("integrations", 2);
        assertThat(c.isMetBy(account("c").traits(NOW, "integrations", "2").signals().get(0))).isTrue();
        assertThat(c.isMetBy(account("c").traits(NOW, "integrations", "1").signals().get(0))).isFalse();
    }

    @Test
    void theStandardPlanIsValid() {
        List<String> problems = new java.util.ArrayList<>();
        OnboardingPlan.standard().check("plan", problems);
        assertThat(problems).isEmpty();
    }
}
