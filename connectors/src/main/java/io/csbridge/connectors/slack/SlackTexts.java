package io.csbridge.connectors.slack;

import java.util.Map;

/** Alert and digest texts in English and Japanese; the channel's language picks one. */
final class SlackTexts {

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
            Map.entry("cs_ack", "Acknowledge"),
            Map.entry("cs_snooze", "Snooze {days} days"),
            Map.entry("cs_create_task", "Create task"),
            Map.entry("done.cs_ack", "Acknowledged by {user} at {time}"),
            Map.entry("done.cs_snooze", "Snoozed for {days} days by {user} at {time}"),
            Map.entry("done.cs_create_task", "Salesforce task created by {user} at {time}"),
            Map.entry("done.cs_create_task.none", "{user} asked for a task at {time}, but no Salesforce Account is linked"),
            Map.entry("digest", "Daily digest for {day}: {count} alerts"),
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
            Map.entry("cs_ack", "確認済みにする"),
            Map.entry("cs_snooze", "{days}日間スヌーズ"),
            Map.entry("cs_create_task", "タスクを作成"),
            Map.entry("done.cs_ack", "{user} が {time} に確認しました"),
            Map.entry("done.cs_snooze", "{user} が {time} に{days}日間スヌーズしました"),
            Map.entry("done.cs_create_task", "{user} が {time} に Salesforce タスクを作成しました"),
            Map.entry("done.cs_create_task.none", "{user} が {time} にタスクを依頼しましたが、Salesforce 取引先が紐付いていません"),
            Map.entry("digest", "{day} のダイジェスト: アラート {count} 件"),
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
