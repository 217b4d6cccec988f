package io.csbridge.connectors.slack;

import java.util.Map;

import static io.csbridge.vendors.SlackAlertActions.ACK;
import static io.csbridge.vendors.SlackAlertActions.CREATE_TASK;
import static io.csbridge.vendors.SlackAlertActions.SNOOZE;

/** Alert and digest texts in English and Japanese; the channel's language picks one. */
final class SlackTexts {

    /** The key of the line an alert shows once one of its buttons was pressed: {@code done.<action id>}. */
    static final String DONE = "done.";

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("ENTERED_RED", "{account} entered Red"),
            Map.entry("RISK_CROSSED", "{account}: churn risk rose to {value} (threshold {threshold})"),
            Map.entry("ONBOARDING_STALLED", "{account}: onboarding has stalled for {value} days"),
            Map.entry("DETRACTOR_NPS", "{account}: detractor NPS answer ({value}/10)"),
            Map.entry("URGENT_TICKET_SPIKE", "{account}: {value} urgent tickets open"),
            Map.entry("RENEWAL_AT_RISK", "{account}: renewal in {value} days while {band}"),
            Map.entry("score", "Health *{score}* ({band}) · trend {trend} · churn risk {risk}"),
            Map.entry("drivers", "Top drivers"),
            Map.entry("owner", "Owner"),
            Map.entry("todo", "What to do"),
            Map.entry("salesforce", "Salesforce Account"),
            Map.entry("zendesk", "Zendesk organization"),
            Map.entry(ACK, "Acknowledge"),
            Map.entry(SNOOZE, "Snooze {days} days"),
            Map.entry(CREATE_TASK, "Create task"),
            Map.entry(DONE + ACK, "Acknowledged by {user} at {time}"),
            Map.entry(DONE + SNOOZE, "Snoozed for {days} days by {user} at {time}"),
            Map.entry(DONE + CREATE_TASK, "Salesforce task created by {user} at {time}"),
            Map.entry(DONE + CREATE_TASK + ".none", "{user} asked for a task at {time}, but no Salesforce Account is linked"),
            Map.entry("digest", "Daily digest for {day}: {count} alerts"),
            Map.entry("nudge.digest", "In-app nudges, week of {week}: {count} active"),
            Map.entry("nudge.line", "shown {shown}, clicked {clicked}; goal reached: shown {shownShare}, holdout {holdoutShare}"),
            Map.entry("nudge.lift", "lift {lift} pts (95% {low} to {high})"),
            Map.entry("nudge.noLift", "lift: not yet measurable (a group is empty)"),
            Map.entry("notice.SALESFORCE_API_RESERVE", "CS Bridge: Salesforce API usage is {used} of {limit} today, "
                    + "CS Bridge's share ({share}%) is used up. Its Salesforce writes wait until {until} and go out then; "
                    + "nothing is lost. To write sooner, lower salesforce.api-reserve-percent or raise the org's allowance."),
            Map.entry("notice.SALESFORCE_REQUEST_LIMIT", "CS Bridge: Salesforce refused a call with REQUEST_LIMIT_EXCEEDED: the "
                    + "org's daily API allowance is exhausted for every integration. CS Bridge's writes wait until {until} "
                    + "and go out then; nothing is lost."),
            Map.entry("notice.PIPELINE_EVENT_PARKED", "CS Bridge: an acknowledged event (inbox id {id}) could not be applied "
                    + "after {attempts} attempts and is parked: {error}. Parked events are listed on the Integrations page "
                    + "(GET /admin/api/pipeline/failed); fix the cause, then retry them there."),
            Map.entry("unknown", "unknown"));

    private static final Map<String, String> JA = Map.ofEntries(
            Map.entry("ENTERED_RED", "{account} のヘルスがRedになりました"),
            Map.entry("RISK_CROSSED", "{account}: 解約リスクが {value} に上昇しました(しきい値 {threshold})"),
            Map.entry("ONBOARDING_STALLED", "{account}: オンボーディングが {value} 日間進んでいません"),
            Map.entry("DETRACTOR_NPS", "{account}: NPSで批判者の回答がありました({value}/10)"),
            Map.entry("URGENT_TICKET_SPIKE", "{account}: 緊急チケットが {value} 件オープンしています"),
            Map.entry("RENEWAL_AT_RISK", "{account}: 更新まで {value} 日、ヘルスは {band} です"),
            Map.entry("score", "ヘルス *{score}*({band})· 30日間の変化 {trend} · 解約リスク {risk}"),
            Map.entry("drivers", "主な要因"),
            Map.entry("owner", "担当"),
            Map.entry("todo", "推奨アクション"),
            Map.entry("salesforce", "Salesforce 取引先"),
            Map.entry("zendesk", "Zendesk 組織"),
            Map.entry(ACK, "確認済みにする"),
            Map.entry(SNOOZE, "{days}日間スヌーズ"),
            Map.entry(CREATE_TASK, "タスクを作成"),
            Map.entry(DONE + ACK, "{user} が {time} に確認しました"),
            Map.entry(DONE + SNOOZE, "{user} が {time} に{days}日間スヌーズしました"),
            Map.entry(DONE + CREATE_TASK, "{user} が {time} に Salesforce タスクを作成しました"),
            Map.entry(DONE + CREATE_TASK + ".none", "{user} が {time} にタスクを依頼しましたが、Salesforce 取引先が紐付いていません"),
            Map.entry("digest", "{day} のダイジェスト: アラート {count} 件"),
            Map.entry("nudge.digest", "アプリ内ナッジ {week} の週: 有効 {count} 件"),
            Map.entry("nudge.line", "表示 {shown}、クリック {clicked}。目標達成: 表示群 {shownShare}、ホールドアウト {holdoutShare}"),
            Map.entry("nudge.lift", "リフト {lift} ポイント(95% {low}〜{high})"),
            Map.entry("nudge.noLift", "リフト: まだ測定できません(片方の群が空です)"),
            Map.entry("notice.SALESFORCE_API_RESERVE", "CS Bridge: 本日の Salesforce API 使用量が {limit} 中 {used} に達し、"
                    + "CS Bridge の割り当て({share}%)を使い切りました。Salesforce への書き込みは {until} まで待機し、その後に送信されます"
                    + "(データは失われません)。早く書き込むには salesforce.api-reserve-percent を下げるか、組織の上限を引き上げてください。"),
            Map.entry("notice.SALESFORCE_REQUEST_LIMIT", "CS Bridge: Salesforce が REQUEST_LIMIT_EXCEEDED で呼び出しを拒否しました。"
                    + "組織の1日の API 上限に達し、すべての連携が影響を受けています。CS Bridge の書き込みは {until} まで待機し、"
                    + "その後に送信されます(データは失われません)。"),
            Map.entry("notice.PIPELINE_EVENT_PARKED", "CS Bridge: 受信済みのイベント(inbox id {id})を {attempts} 回試行しても"
                    + "適用できず、保留にしました: {error}。保留中のイベントは連携ページ(GET /admin/api/pipeline/failed)に"
                    + "一覧表示されます。原因を解消してから、そこで再試行してください。"),
            Map.entry("unknown", "不明"));

    private SlackTexts() {
    }

    static String text(String language, String key, Map<String, ?> values) {
        Map<String, String> texts = "ja".equalsIgnoreCase(language) ? JA : EN;
        String template = texts.getOrDefault(key, EN.getOrDefault(key, key));
        for (Map.Entry<String, ?> e : values.entrySet()) {
            template = template.replace("{" + e.getKey() + "}", String.valueOf(e.getValue()));
        }
        return template;
    }
}
