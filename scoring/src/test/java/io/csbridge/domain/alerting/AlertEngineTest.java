package io.csbridge.domain.alerting;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Band;
import io.csbridge.domain.score.Driver;
import io.csbridge.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertEngineTest {

    static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    final AlertEngine engine = new AlertEngine(AlertRules.defaults());
    final InMemoryAlertLedger ledger = new InMemoryAlertLedger();

    static AccountScore score(int health, Band band, int risk, int onboarding, String segment, Instant at) {
        return new AccountScore(health, band, risk, onboarding, segment, -12,
                List.of(new Driver("logins", 10, -20, "Logins fell by 60%", Map.of())), List.of(), at);
    }

    static AccountSnapshot snap(String id, AccountScore score, AccountFacts facts) {
        return new AccountSnapshot(id, score, facts);
    }

    static AccountFacts owned(String owner) {
        return new AccountFacts("Acme", owner, null, null, null, 0, null, "001A", "9001");
    }

    static AccountSnapshot highTouch(Band band, int risk, Instant at) {
        return snap("acme", score(band == Band.RED ? 30 : 65, band, risk, 100, "high-touch", at), owned("U_OWNER"));
    }

    List<AlertEngine.Decision> fired(AccountSnapshot before, AccountSnapshot after) {
        return engine.evaluate(before, after, ledger, after.asOf());
    }

    static List<AlertKind> kinds(List<AlertEngine.Decision> decisions) {
        return decisions.stream().map(d -> d.alert().kind()).toList();
    }

    @Test
    void enteringRedFiresOnceToTheOwnerWithWhyAndWhatToDo() {
        List<AlertEngine.Decision> d = fired(highTouch(Band.YELLOW, 40, T0), highTouch(Band.RED, 40, T0.plusSeconds(60)));
        assertThat(kinds(d)).containsExactly(AlertKind.ENTERED_RED);
        Alert alert = d.get(0).alert();
        assertThat(d.get(0).outcome()).isEqualTo(AlertEngine.Outcome.SEND);
        assertThat(alert.owner()).isEqualTo("U_OWNER");
        assertThat(alert.reasons(io.csbridge.domain.language.Language.ENGLISH)).containsExactly("Logins fell by 60%");
        assertThat(alert.action()).isNotBlank();
        assertThat(alert.dedupeKey()).isEqualTo("entered-red:acme");
    }

    @Test
    void stayingRedFiresNothing() {
        assertThat(fired(highTouch(Band.RED, 40, T0), highTouch(Band.RED, 40, T0.plusSeconds(60)))).isEmpty();
    }

    @Test
    void riskFiresWhenItCrossesTheThresholdNotWhileAboveIt() {
        assertThat(kinds(fired(highTouch(Band.YELLOW, 65, T0), highTouch(Band.YELLOW, 72, T0.plusSeconds(60)))))
                .containsExactly(AlertKind.RISK_CROSSED);
        assertThat(fired(highTouch(Band.YELLOW, 72, T0.plusSeconds(60)), highTouch(Band.YELLOW, 80, T0.plusSeconds(120))))
                .isEmpty();
    }

    @Test
    void aDetractorAnswerFiresForTheNewAnswerOnly() {
        AccountFacts before = new AccountFacts("Acme", "U_OWNER", null, 9, T0.minusSeconds(86400), 0, null, null, null);
        AccountFacts after = new AccountFacts("Acme", "U_OWNER", null, 3, T0, 0, null, null, null);
        AccountScore s = score(65, Band.YELLOW, 40, 100, "high-touch", T0);
        assertThat(kinds(fired(snap("acme", s, before), snap("acme", s, after)))).containsExactly(AlertKind.DETRACTOR_NPS);
        assertThat(fired(snap("acme", s, after), snap("acme", s, after))).isEmpty();
        AccountFacts passive = new AccountFacts("Acme", "U_OWNER", null, 7, T0.plusSeconds(10), 0, null, null, null);
        assertThat(fired(snap("acme", s, after), snap("acme", s, passive))).isEmpty();
    }

    @Test
    void anUrgentTicketSpikeFiresWhenTheCountReachesTheThreshold() {
        AccountScore s = score(65, Band.YELLOW, 40, 100, "high-touch", T0);
        AccountFacts two = new AccountFacts("Acme", "U_OWNER", null, null, null, 2, null, null, null);
        AccountFacts three = new AccountFacts("Acme", "U_OWNER", null, null, null, 3, null, null, null);
        List<AlertEngine.Decision> d = fired(snap("acme", s, two), snap("acme", s, three));
        assertThat(kinds(d)).containsExactly(AlertKind.URGENT_TICKET_SPIKE);
        assertThat(d.get(0).alert().value()).isEqualTo(3.0);
    }

    @Test
    void onboardingStallsAfterFourteenDaysWithoutProgress() {
        Instant progress = T0.minus(Duration.ofDays(13));
        AccountFacts f = new AccountFacts("Acme", "U_OWNER", null, null, null, 0, progress, null, null);
        AccountSnapshot day13 = snap("acme", score(65, Band.YELLOW, 40, 60, "high-touch", T0), f);
        AccountSnapshot day14 = snap("acme", score(65, Band.YELLOW, 40, 60, "high-touch", T0.plus(Duration.ofDays(1))), f);
        AccountSnapshot done = snap("acme", score(65, Band.YELLOW, 40, 100, "high-touch", T0.plus(Duration.ofDays(1))), f);
        assertThat(kinds(fired(day13, day14))).containsExactly(AlertKind.ONBOARDING_STALLED);
        assertThat(fired(day13, done)).as("a finished onboarding never stalls").isEmpty();
    }

    @Test
    void aRenewalWithinNinetyDaysFiresWhenTheBandLeavesGreen() {
        AccountFacts f = new AccountFacts("Acme", "U_OWNER", LocalDate.parse("2026-05-01"), null, null, 0, null, null, null);
        AccountSnapshot green = snap("acme", score(80, Band.GREEN, 20, 100, "high-touch", T0), f);
        AccountSnapshot yellow = snap("acme", score(60, Band.YELLOW, 30, 100, "high-touch", T0.plusSeconds(60)), f);
        List<AlertEngine.Decision> d = fired(green, yellow);
        assertThat(kinds(d)).containsExactly(AlertKind.RENEWAL_AT_RISK);
        assertThat(d.get(0).alert().value()).isEqualTo(61.0);
        AccountFacts far = new AccountFacts("Acme", "U_OWNER", LocalDate.parse("2027-01-01"), null, null, 0, null, null, null);
        assertThat(fired(snap("acme", green.score(), far), snap("acme", yellow.score(), far))).isEmpty();
    }

    @Test
    void theSameAlertStaysQuietDuringItsCooldown() {
        fired(highTouch(Band.YELLOW, 40, T0), highTouch(Band.RED, 40, T0));
        List<AlertEngine.Decision> again = fired(highTouch(Band.YELLOW, 40, T0.plusSeconds(3600)),
                highTouch(Band.RED, 40, T0.plusSeconds(7200)));
        assertThat(again).singleElement().satisfies(d -> {
            assertThat(d.outcome()).isEqualTo(AlertEngine.Outcome.SUPPRESSED);
            assertThat(d.reason()).startsWith("cooldown");
        });
        List<AlertEngine.Decision> later = fired(highTouch(Band.YELLOW, 40, T0.plus(Duration.ofDays(4))),
                highTouch(Band.RED, 40, T0.plus(Duration.ofDays(4))));
        assertThat(later.get(0).outcome()).isEqualTo(AlertEngine.Outcome.SEND);
    }

    @Test
    void aSnoozedAccountGetsNoAlertsUntilTheSnoozeEnds() {
        ledger.snooze("acme", T0.plus(Duration.ofDays(1)));
        assertThat(fired(highTouch(Band.YELLOW, 40, T0), highTouch(Band.RED, 40, T0.plusSeconds(60))))
                .singleElement().satisfies(d -> assertThat(d.outcome()).isEqualTo(AlertEngine.Outcome.SUPPRESSED));
        assertThat(fired(highTouch(Band.YELLOW, 40, T0.plus(Duration.ofDays(2))),
                highTouch(Band.RED, 40, T0.plus(Duration.ofDays(2)))).get(0).outcome())
                .isEqualTo(AlertEngine.Outcome.SEND);
    }

    @Test
    void techTouchAlertsGoToTheDailyDigestNotToAPerson() {
        AccountSnapshot before = snap("tiny", score(65, Band.YELLOW, 40, 100, "tech-touch", T0), owned("U_OWNER"));
        AccountSnapshot after = snap("tiny", score(30, Band.RED, 40, 100, "tech-touch", T0.plusSeconds(60)), owned("U_OWNER"));
        List<AlertEngine.Decision> d = fired(before, after);
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.outcome()).isEqualTo(AlertEngine.Outcome.DIGEST);
            assertThat(x.alert().route()).isEqualTo(Alert.Route.TEAM_DIGEST);
        });
        List<Digest> digests = AlertEngine.digests(ledger, LocalDate.parse("2026-03-01"));
        assertThat(digests).singleElement().satisfies(g -> assertThat(g.alerts()).hasSize(1));
        assertThat(AlertEngine.digests(ledger, LocalDate.parse("2026-03-01"))).as("drained once").isEmpty();
    }

    @Test
    void anOwnerOverTheDailyCapGetsTheRestInTheDigest() {
        List<AlertEngine.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AccountSnapshot before = snap("a" + i, score(65, Band.YELLOW, 40, 100, "high-touch", T0), owned("U_OWNER"));
            AccountSnapshot after = snap("a" + i, score(30, Band.RED, 40, 100, "high-touch", T0.plusSeconds(i)), owned("U_OWNER"));
            outcomes.add(fired(before, after).get(0).outcome());
        }
        assertThat(outcomes.stream().filter(o -> o == AlertEngine.Outcome.SEND)).hasSize(5);
        assertThat(outcomes.stream().filter(o -> o == AlertEngine.Outcome.DIGEST)).hasSize(2);
        assertThat(AlertEngine.digests(ledger, LocalDate.parse("2026-03-01")))
                .singleElement().satisfies(g -> assertThat(g.owner()).isEqualTo("U_OWNER"));
    }

    @Test
    void rulesCanBeLimitedToSegmentsAndSwitchedOff() {
        AlertRules rules = new AlertRules(List.of(
                new AlertRule("red-enterprise", AlertKind.ENTERED_RED, true, 0, 24, List.of("high-touch"), "call"),
                new AlertRule("risk-off", AlertKind.RISK_CROSSED, false, 50, 24, List.of(), "look")),
                List.of("high-touch"), 5, "Asia/Tokyo");
        AlertEngine limited = new AlertEngine(rules);
        AccountSnapshot before = snap("t", score(65, Band.YELLOW, 40, 100, "low-touch", T0), owned("U"));
        AccountSnapshot after = snap("t", score(30, Band.RED, 90, 100, "low-touch", T0), owned("U"));
        assertThat(limited.evaluate(before, after, ledger, T0)).isEmpty();
    }

    @Test
    void rulesAreJsonConfiguration() throws Exception {
        ObjectMapper json = Json.MAPPER;
        String text = json.writeValueAsString(AlertRules.defaults());
        assertThat(text).contains("\"kind\":\"RISK_CROSSED\"").contains("\"threshold\":70.0");
        assertThat(json.readValue(text, AlertRules.class)).isEqualTo(AlertRules.defaults());
    }

    @Test
    void anAlertSurvivesTheOutboxAsFields() throws Exception {
        Alert alert = fired(highTouch(Band.YELLOW, 40, T0), highTouch(Band.RED, 40, T0)).get(0).alert();
        String stored = Json.write(alert.toFields());
        @SuppressWarnings("unchecked")
        Map<String, Object> back = Json.MAPPER.readValue(stored, HashMap.class);
        assertThat(Alert.fromFields(back)).isEqualTo(alert);
    }
}
