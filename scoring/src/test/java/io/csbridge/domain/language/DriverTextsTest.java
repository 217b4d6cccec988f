package io.csbridge.domain.language;

import io.csbridge.domain.score.AccountScore;
import io.csbridge.domain.score.Driver;
import io.csbridge.domain.scoring.AccountBuilder;
import io.csbridge.domain.scoring.ModelScorer;
import io.csbridge.domain.signal.SignalKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.csbridge.domain.scoring.AccountBuilder.NOW;
import static io.csbridge.domain.scoring.AccountBuilder.account;
import static io.csbridge.domain.scoring.AccountBuilder.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

class DriverTextsTest {

    /** An adopted account with usage, seats, renewal, tickets, ratings and two NPS answers: every measure has input. */
    static AccountScore rich() {
        AccountBuilder a = account("rich").traits(daysAgo(300), "name", "Rich", "arr", "60000", "seats", "10",
                "renewalDate", NOW.plus(java.time.Duration.ofDays(40)).toString().substring(0, 10));
        for (int d = 1; d < 60; d += 3) a.usedOnDaysAgo("u" + (d % 4), d);
        a.ticket(SignalKind.TICKET_CREATED, daysAgo(3), "1", "priority", "urgent")
                .ticket(SignalKind.TICKET_CREATED, daysAgo(50), "2")
                .ticket(SignalKind.TICKET_SOLVED, daysAgo(40), "2")
                .satisfaction(daysAgo(30), true).satisfaction(daysAgo(20), false)
                .nps(daysAgo(200), 9, "u1").nps(daysAgo(10), 4, "u1");
        return ModelScorer.withDefaults().score(a.history(), NOW);
    }

    @Test
    void englishIsTheEnglishTextUnchanged() {
        AccountScore score = rich();
        assertThat(DriverTexts.topReasons(score, 3, Language.ENGLISH)).isEqualTo(score.topReasons(3));
        for (Driver d : score.drivers()) assertThat(DriverTexts.explain(d, Language.ENGLISH)).isEqualTo(d.explanation());
    }

    @Test
    void everyDriverOfAScoredAccountHasJapaneseWords() {
        AccountScore score = rich();
        assertThat(score.drivers()).hasSizeGreaterThan(10);
        for (Driver d : score.drivers()) {
            assertThat(DriverTexts.explain(d, Language.JAPANESE)).as(d.measure() + ": " + d.explanation())
                    .isNotEqualTo(d.explanation()).matches(".*[\\p{IsHiragana}\\p{IsKatakana}\\p{IsHan}].*");
        }
        assertThat(score.drivers()).anySatisfy(d -> assertThat(DriverTexts.explain(d, Language.JAPANESE))
                .isEqualTo("未解決の緊急チケット 1件"));
        assertThat(score.drivers()).anySatisfy(d -> assertThat(DriverTexts.explain(d, Language.JAPANESE))
                .isEqualTo("NPS回答が 9 から 4 に低下"));
    }

    @Test
    void anUnknownAccountSaysWhyInJapanese() {
        AccountScore score = ModelScorer.withDefaults().score(account("new").traits(daysAgo(3), "name", "New").history(), NOW);
        assertThat(DriverTexts.topReasons(score, 1, Language.JAPANESE))
                .startsWith("判定に必要なデータが不足: データがあるのはモデルの重みの 0%(必要 30%)。データなし: オンボーディング、利用日数");
    }

    @Test
    void aDriverWithoutJapaneseWordsOrWithoutItsInputsIsWrittenInEnglish() {
        Driver custom = new Driver("risk.somethingNew", 50, 10, "something new happened", Map.of());
        Driver stored = new Driver("activeDays", 20, 5, "active on 1 of the last 30 days", Map.of());
        assertThat(DriverTexts.explain(custom, Language.JAPANESE)).isEqualTo("something new happened");
        assertThat(DriverTexts.explain(stored, Language.JAPANESE)).isEqualTo("active on 1 of the last 30 days");
    }

    @Test
    void theLanguageIsReadFromItsCode() {
        assertThat(Language.of("ja")).isEqualTo(Language.JAPANESE);
        assertThat(Language.of("ja-JP")).isEqualTo(Language.JAPANESE);
        assertThat(Language.of("en")).isEqualTo(Language.ENGLISH);
        assertThat(Language.of(null)).isEqualTo(Language.ENGLISH);
    }
}
