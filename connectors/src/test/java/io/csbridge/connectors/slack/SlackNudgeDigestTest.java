package io.csbridge.connectors.slack;

import io.csbridge.connectors.Settings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The weekly nudge digest as the one Slack message builder renders it. */
class SlackNudgeDigestTest {

    static final Map<String, Object> DIGEST = Map.of("type", "nudge-digest", "week", "2026-11-30", "nudges", List.of(
            line("setup", "Invite your team", 40, 12, 40, 20, 10, 2, Map.of("lift", 0.3, "liftLow", 0.05, "liftHigh", 0.55)),
            line("tour", "Take the tour", 0, 0, 0, 0, 0, 0, Map.of())));

    static Map<String, Object> line(String id, String title, int shown, int clicked, int shownN, int shownReached,
                                    int holdoutN, int holdoutReached, Map<String, Object> lift) {
        Map<String, Object> out = new java.util.HashMap<>(Map.of("id", id, "title", title, "shown", shown, "clicked", clicked,
                "dismissed", 0, "shownN", shownN, "shownReached", shownReached, "holdoutN", holdoutN, "holdoutReached", holdoutReached));
        out.putAll(lift);
        return out;
    }

    @Test
    void aLinePerNudgeWithSharesAndNAndTheLiftWithItsInterval() {
        SlackMessages messages = new SlackMessages(SlackSettings.from(Settings.of(Map.of("slack.alert-channel", "C0ALERTS"))));
        SlackMessages.Message m = messages.render(DIGEST);
        assertThat(m.channel()).isEqualTo("C0ALERTS");
        assertThat(m.text()).isEqualTo("In-app nudges, week of 2026-11-30: 2 active");
        String text = m.blocks().toString();
        assertThat(text).contains("Invite your team").contains("shown 40, clicked 12")
                .contains("shown 50% (20/40), holdout 20% (2/10)").contains("lift +30.0 pts (95% +5.0 to +55.0)");
        assertThat(text).contains("holdout - (n=0)").contains("not yet measurable");
    }

    @Test
    void inJapaneseForAJapaneseChannel() {
        SlackMessages messages = new SlackMessages(SlackSettings.from(Settings.of(Map.of("slack.alert-channel", "C0ALERTS",
                "slack.language", "ja"))));
        assertThat(messages.render(DIGEST).text()).isEqualTo("アプリ内ナッジ 2026-11-30 の週: 有効 2 件");
    }
}
