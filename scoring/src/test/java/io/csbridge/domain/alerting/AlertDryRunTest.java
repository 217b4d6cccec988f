package io.csbridge.domain.alerting;

import io.csbridge.domain.score.Band;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.csbridge.domain.alerting.AlertEngineTest.owned;
import static io.csbridge.domain.alerting.AlertEngineTest.score;
import static io.csbridge.domain.alerting.AlertEngineTest.snap;
import static org.assertj.core.api.Assertions.assertThat;

class AlertDryRunTest {

    static final Instant END = Instant.parse("2026-03-31T00:00:00Z");
    static final Instant START = END.minus(Duration.ofDays(30));

    /** An account that flips between Yellow and Red every {@code everyDays}, starting Red before the window. */
    static List<AccountSnapshot> flapping(String id, int everyDays, String segment) {
        List<AccountSnapshot> out = new ArrayList<>();
        for (int day = -5; day <= 30; day += everyDays) {
            Band band = Math.floorMod(day / everyDays, 2) == 0 ? Band.RED : Band.YELLOW;
            out.add(snap(id, score(band == Band.RED ? 30 : 60, band, 40, 100, segment, START.plus(Duration.ofDays(day))),
                    owned("U_" + id)));
        }
        return out;
    }

    @Test
    void theDryRunTellsWhatWouldHaveFiredOverThirtyDaysWithCooldownsApplied() {
        Map<String, List<AccountSnapshot>> histories = Map.of(
                "daily", flapping("daily", 1, "high-touch"),
                "weekly", flapping("weekly", 7, "high-touch"),
                "digest", flapping("digest", 7, "tech-touch"));

        AlertDryRun.Result result = AlertDryRun.run(AlertRules.defaults(), histories, START, END);

        // "daily" enters Red every other day; the 72 h cooldown lets one through every 4 days.
        long dailySent = result.decisions().stream()
                .filter(d -> d.alert().accountId().equals("daily") && d.outcome() == AlertEngine.Outcome.SEND).count();
        assertThat(dailySent).isEqualTo(8);
        long weeklySent = result.decisions().stream()
                .filter(d -> d.alert().accountId().equals("weekly") && d.outcome() == AlertEngine.Outcome.SEND).count();
        assertThat(weeklySent).isEqualTo(2);
        assertThat(result.suppressed()).isPositive();
        assertThat(result.digests()).extracting(Digest::owner).containsOnly((String) null);
        assertThat(result.digested()).isEqualTo(2);
    }

    @Test
    void whatWasAlreadyTrueBeforeTheWindowDoesNotFire() {
        List<AccountSnapshot> alwaysRed = List.of(
                snap("r", score(30, Band.RED, 40, 100, "high-touch", START.minus(Duration.ofDays(3))), owned("U")),
                snap("r", score(29, Band.RED, 40, 100, "high-touch", START.plus(Duration.ofDays(3))), owned("U")));
        assertThat(AlertDryRun.run(AlertRules.defaults(), Map.of("r", alwaysRed), START, END).decisions()).isEmpty();
    }
}
