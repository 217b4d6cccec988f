package io.csbridge.connectors.slack;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import io.csbridge.domain.alerting.Alert;
import io.csbridge.domain.language.Language;
import io.csbridge.vendors.AlertButtonValue;
import io.csbridge.vendors.SlackAlertActions;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

/**
 * Block Kit for the three kinds of Slack write: an alert (fields of {@code io.csbridge.domain.alerting.Alert#toFields}),
 * a daily digest ({@code Digest#toFields}), and the update of an alert after a button press.
 */
final class SlackMessages {

    /** A message to post or update. {@code threadKey} ties follow-ups of the same alert together. */
    record Message(String channel, String text, List<LayoutBlock> blocks, String threadKey) {
    }

    static final int MAX_BLOCKS = 50;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    private final SlackSettings settings;

    SlackMessages(SlackSettings settings) {
        this.settings = settings;
    }

    /**
     * The message a write's fields describe, by their {@code type}: {@code digest}, {@code notice},
     * {@code action} (the alert after a press) or else an alert.
     */
    Message render(Map<String, Object> fields) {
        Object type = fields.get("type");
        if ("digest".equals(type)) return digest(fields);
        if ("nudge-digest".equals(type)) return nudgeDigest(fields);
        if ("notice".equals(type)) return notice(fields);
        if ("action".equals(type)) return afterAction(fields);
        return alert(fields);
    }

    String channelFor(Map<String, Object> f) {
        Object explicit = f.get("channel");
        return explicit != null ? explicit.toString() : settings.alertChannel().orElse("#cs-alerts");
    }

    Message alert(Map<String, Object> f) {
        String channel = channelFor(f);
        String lang = settings.languageOf(channel);
        String account = str(f, "accountName", str(f, "accountId", "?"));
        String headline = SlackTexts.text(lang, str(f, "kind", "ENTERED_RED"), Map.of("account", account,
                "value", number(f.get("value")), "threshold", number(f.get("threshold")), "band", str(f, "band", "")));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + escape(headline) + "*"))));
        blocks.add(section(s -> s.text(markdownText(SlackTexts.text(lang, "score", Map.of("score", number(f.get("healthScore")),
                "band", str(f, "band", "?"), "trend", signed(f.get("trend"), lang), "risk", number(f.get("churnRisk"))))))));
        List<String> reasons = Alert.reasons(f, Language.of(lang));
        if (!reasons.isEmpty()) {
            StringBuilder text = new StringBuilder("*" + SlackTexts.text(lang, "drivers", Map.of()) + "*");
            for (String reason : reasons) text.append("\n• ").append(escape(reason));
            blocks.add(section(s -> s.text(markdownText(text.toString()))));
        }
        List<TextObject> facts = new ArrayList<>();
        String owner = str(f, "owner", null);
        if (owner != null) facts.add(markdownText(SlackTexts.text(lang, "owner", Map.of()) + ": " + mention(owner)));
        String salesforceId = str(f, "salesforceId", null);
        if (salesforceId != null && settings.salesforceUrl().isPresent()) {
            facts.add(markdownText("<" + settings.salesforceUrl().get() + "/lightning/r/Account/" + salesforceId + "/view|"
                    + SlackTexts.text(lang, "salesforce", Map.of()) + ">"));
        }
        String zendeskId = str(f, "zendeskId", null);
        if (zendeskId != null && settings.zendeskUrl().isPresent()) {
            facts.add(markdownText("<" + settings.zendeskUrl().get() + "/agent/organizations/" + zendeskId + "|"
                    + SlackTexts.text(lang, "zendesk", Map.of()) + ">"));
        }
        if (!facts.isEmpty()) blocks.add(context(new ArrayList<>(facts)));
        String action = str(f, "action", null);
        if (action != null) {
            blocks.add(section(s -> s.text(markdownText("*" + SlackTexts.text(lang, "todo", Map.of()) + "*: " + escape(action)))));
        }
        String value = AlertButtonValue.format(str(f, "alertId", ""), str(f, "accountId", ""));
        List<BlockElement> buttons = new ArrayList<>();
        for (String actionId : SlackAlertActions.ALL) {
            buttons.add(button(b -> b.actionId(actionId).value(value)
                    .text(plainText(SlackTexts.text(lang, actionId, Map.of("days", settings.snoozeDays()))))));
        }
        blocks.add(actions(a -> a.blockId(SlackAlertActions.BLOCK_ID).elements(buttons)));
        return new Message(channel, headline, blocks, str(f, "dedupeKey", null));
    }

    /**
     * An operator notice (the Salesforce API reserve reached ...): one line saying what happened, what
     * CS Bridge does about it and until when, in the operator channel's language. No buttons, no thread.
     */
    Message notice(Map<String, Object> f) {
        String channel = settings.operatorChannel().orElse(channelFor(f));
        String lang = settings.languageOf(channel);
        Map<String, Object> values = new java.util.HashMap<>();
        f.forEach((k, v) -> values.put(k, v instanceof Number ? number(v) : String.valueOf(v)));
        for (String instant : List.of("until", "at")) {
            Object v = f.get(instant);
            if (v != null) {
                values.put(instant, TIME.withZone("ja".equalsIgnoreCase(lang) ? ZoneId.of("Asia/Tokyo") : ZoneId.of("UTC"))
                        .format(Instant.parse(v.toString())));
            }
        }
        String text = SlackTexts.text(lang, "notice." + str(f, "kind", "unknown"), values);
        List<LayoutBlock> blocks = List.of(section(s -> s.text(markdownText(":warning: " + escape(text)))));
        return new Message(channel, text, blocks, null);
    }

    @SuppressWarnings("unchecked")
    Message digest(Map<String, Object> f) {
        String owner = str(f, "owner", null);
        String channel = channelFor(f);
        String lang = settings.languageOf(channel);
        List<Map<String, Object>> alerts = f.get("alerts") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        String title = SlackTexts.text(lang, "digest", Map.of("day", str(f, "day", ""), "count", alerts.size()));
        List<LayoutBlock> blocks = new ArrayList<>();
        String head = (owner == null ? "" : mention(owner) + " ") + "*" + escape(title) + "*";
        blocks.add(section(s -> s.text(markdownText(head))));
        StringBuilder lines = new StringBuilder();
        int shown = 0;
        for (Map<String, Object> a : alerts) {
            String line = "• " + escape(SlackTexts.text(lang, str(a, "kind", "ENTERED_RED"), Map.of(
                    "account", str(a, "accountName", str(a, "accountId", "?")), "value", number(a.get("value")),
                    "threshold", number(a.get("threshold")), "band", str(a, "band", "")))) + " (" + number(a.get("healthScore")) + ")\n";
            if (lines.length() + line.length() > 2900) { // a section's text holds 3000 characters
                String text = lines.toString();
                blocks.add(section(s -> s.text(markdownText(text))));
                lines.setLength(0);
                if (blocks.size() >= MAX_BLOCKS - 1) break;
            }
            lines.append(line);
            shown++;
        }
        if (lines.length() > 0 && blocks.size() < MAX_BLOCKS) {
            String text = lines.toString();
            blocks.add(section(s -> s.text(markdownText(text))));
        }
        if (shown < alerts.size()) {
            int more = alerts.size() - shown;
            blocks.add(context(List.of(markdownText("+" + more))));
        }
        return new Message(channel, title, blocks, null);
    }

    /**
     * The weekly nudge digest ({@code app/nudges/WeeklyNudgeDigest}): a line per active nudge with shown,
     * clicked, the goal share among shown and holdout with n, and the lift with its 95% interval.
     */
    @SuppressWarnings("unchecked")
    Message nudgeDigest(Map<String, Object> f) {
        String channel = channelFor(f);
        String lang = settings.languageOf(channel);
        List<Map<String, Object>> nudges = f.get("nudges") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
        String title = SlackTexts.text(lang, "nudge.digest", Map.of("week", str(f, "week", ""), "count", nudges.size()));
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(section(s -> s.text(markdownText("*" + escape(title) + "*"))));
        for (Map<String, Object> n : nudges) {
            if (blocks.size() >= MAX_BLOCKS) break;
            Map<String, Object> v = new java.util.HashMap<>();
            n.forEach((k, x) -> v.put(k, x instanceof Number ? number(x) : String.valueOf(x)));
            v.put("shownShare", share(n.get("shownReached"), n.get("shownN")));
            v.put("holdoutShare", share(n.get("holdoutReached"), n.get("holdoutN")));
            String lift = n.get("lift") == null ? SlackTexts.text(lang, "nudge.noLift", Map.of())
                    : SlackTexts.text(lang, "nudge.lift", Map.of("lift", points(n.get("lift")),
                            "low", points(n.get("liftLow")), "high", points(n.get("liftHigh"))));
            String line = "• *" + escape(str(n, "title", str(n, "id", "?"))) + "* (`" + escape(str(n, "id", "?")) + "`): "
                    + escape(SlackTexts.text(lang, "nudge.line", v)) + " · " + escape(lift);
            blocks.add(section(s -> s.text(markdownText(line))));
        }
        return new Message(channel, title, blocks, null);
    }

    private static String share(Object reached, Object n) {
        if (!(n instanceof Number total) || total.intValue() == 0) return "- (n=0)";
        int k = reached instanceof Number r ? r.intValue() : 0;
        return Math.round(100.0 * k / total.intValue()) + "% (" + k + "/" + total.intValue() + ")";
    }

    private static String points(Object rate) {
        double p = rate instanceof Number r ? r.doubleValue() * 100 : 0;
        return (p >= 0 ? "+" : "") + String.format(java.util.Locale.ROOT, "%.1f", p);
    }

    /**
     * The alert after a button press: the alert as it was posted (when the write carries it), without
     * its buttons, and who did what when.
     */
    @SuppressWarnings("unchecked")
    Message afterAction(Map<String, Object> f) {
        String channel = str(f, "channel", "");
        String lang = settings.languageOf(channel);
        String action = str(f, "action", SlackAlertActions.ACK);
        String at = TIME.withZone("ja".equalsIgnoreCase(lang) ? ZoneId.of("Asia/Tokyo") : ZoneId.of("UTC"))
                .format(Instant.parse(str(f, "at", Instant.EPOCH.toString())));
        String key = SlackTexts.DONE + action + (Boolean.FALSE.equals(f.get("taskQueued")) ? ".none" : "");
        Object days = f.getOrDefault("days", settings.snoozeDays());
        String done = SlackTexts.text(lang, key, Map.of("user", mention(str(f, "user", "?")), "time", at, "days", number(days)));
        List<LayoutBlock> blocks = new ArrayList<>();
        String original = str(f, "text", "");
        if (f.get("alert") instanceof Map<?, ?> alertFields) {
            Message posted = alert(new java.util.HashMap<>((Map<String, Object>) alertFields));
            for (LayoutBlock b : posted.blocks()) {
                if (!SlackAlertActions.BLOCK_ID.equals(b.getBlockId())) blocks.add(b);
            }
            original = posted.text();
        } else if (!original.isEmpty()) {
            String headline = original;
            blocks.add(section(s -> s.text(markdownText("*" + escape(headline) + "*"))));
        }
        blocks.add(context(List.of(markdownText(":white_check_mark: " + done))));
        return new Message(channel, original.isEmpty() ? done : original + " — " + done, blocks, null);
    }

    static String mention(String user) {
        return user.matches("[UW][A-Z0-9]{2,}") ? "<@" + user + ">" : escape(user);
    }

    /** Slack's three control characters in mrkdwn. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String str(Map<String, Object> f, String key, String fallback) {
        Object v = f.get(key);
        return v == null ? fallback : v.toString();
    }

    private static String number(Object v) {
        if (v == null) return "-";
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return String.valueOf(n.longValue());
        return String.valueOf(v);
    }

    private static String signed(Object v, String lang) {
        if (!(v instanceof Number n)) return SlackTexts.text(lang, "unknown", Map.of());
        return (n.intValue() > 0 ? "+" : "") + n.intValue();
    }
}
