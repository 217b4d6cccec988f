package io.csbridge.domain.language;

import io.csbridge.domain.score.Driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Drivers in Japanese, rendered from the measure name and the input values the domain keeps with each
 * driver. Null for a driver it has no words for (or whose inputs are not all there): the caller then
 * writes the English line.
 */
final class JapaneseDriverTexts {

    private static final Map<String, String> MEASURES = Map.ofEntries(
            Map.entry("activeDays", "利用日数"), Map.entry("activeUsers", "アクティブユーザー数"),
            Map.entry("activeDaysPerSeat", "1席あたりの利用"), Map.entry("activityTrend", "利用の増減"),
            Map.entry("featureAdoption", "主要機能の利用"), Map.entry("openTickets", "未解決チケット"),
            Map.entry("urgentTickets", "緊急チケット"), Map.entry("reopenRate", "再オープン率"),
            Map.entry("satisfaction", "満足度評価"), Map.entry("nps", "NPS"), Map.entry("npsTrend", "NPSの変化"),
            Map.entry("onboarding", "オンボーディング"), Map.entry("renewalProximity", "更新日"),
            Map.entry("seatUtilisation", "席の利用率"));

    private static final Map<String, String> ONBOARDING_STATES = Map.of("on-track", "順調", "behind", "遅れ",
            "stalled", "停滞", "completed", "完了");

    private JapaneseDriverTexts() {
    }

    static String explain(Driver d) {
        Map<String, Object> in = d.inputs();
        try {
            return switch (d.measure()) {
                case "activeDays", "activity" -> "直近30日のうち" + n(in, "activeDays30d") + "日利用";
                case "activeUsers" -> "直近30日のアクティブユーザー " + n(in, "activeUsers30d") + "人";
                case "activeDaysPerSeat" -> "30日間の1席あたり利用 " + one(num(in, "userDays30d") / num(in, "seats"))
                        + "ユーザー日(" + n(in, "userDays30d") + "ユーザー日、" + n(in, "seats") + "席)";
                case "activityTrend" -> trend(num(in, "activeDays30d"), num(in, "activeDaysPrevious30d"));
                case "featureAdoption" -> "30日間で主要機能 " + n(in, "keyFeatures") + "個中 " + n(in, "keyFeaturesUsed30d") + "個を利用";
                case "openTickets" -> "未解決チケット " + n(in, "openTickets") + "件";
                case "urgentTickets" -> "未解決の緊急チケット " + n(in, "urgentOpenTickets") + "件";
                case "reopenRate" -> "90日間に解決したチケット " + n(in, "solved90d") + "件中 " + n(in, "reopened90d") + "件が再オープン";
                case "satisfaction" -> {
                    double good = num(in, "good90d");
                    double all = good + num(in, "bad90d");
                    yield "90日間の満足度評価で良い評価 " + whole(100 * good / all) + "%(" + whole(all) + "件中 " + whole(good) + "件)";
                }
                case "nps" -> "最新のNPS回答 " + n(in, "npsLatest") + "(" + npsGroup(num(in, "npsLatest")) + ")";
                case "npsTrend" -> {
                    double change = num(in, "npsLatest") - num(in, "npsPrevious");
                    yield "NPS回答が " + n(in, "npsPrevious") + " から " + n(in, "npsLatest") + " に"
                            + (change > 0 ? "上昇" : change < 0 ? "低下" : "変化なし");
                }
                case "onboarding" -> onboarding(in);
                case "renewalProximity" -> renewal(num(in, "daysToRenewal"));
                case "seatUtilisation" -> n(in, "seats") + "席中 " + n(in, "activeUsers30d") + "席がアクティブ("
                        + whole(100 * num(in, "activeUsers30d") / num(in, "seats")) + "%)";
                case "evidence" -> evidence(in);
                case "onboardingSchedule" -> "オンボーディングは予定どおり(計画の" + n(in, "daysSinceStart")
                        + "日目): 順調な間はRedではなくYellow";
                case "override" -> whole(d.value()) + " に " + in.get("by") + " が設定: " + in.get("reason")
                        + (String.valueOf(in.get("expiresAt")).isBlank() ? "" : "(" + in.get("expiresAt") + " まで)");
                default -> d.measure().startsWith("risk.") ? risk(d.measure().substring(5), d, in) : null;
            };
        } catch (MissingInput e) {
            return null;
        }
    }

    private static String risk(String rule, Driver d, Map<String, Object> in) {
        return switch (rule) {
            case "inactivity" -> (long) Math.floor(num(in, "daysSinceLastActivity")) + "日間製品の利用なし";
            case "lowUsage" -> "直近30日の利用は " + n(in, "activeDays30d") + "日のみ";
            case "fallingUsage" -> "利用日数が前の30日の " + n(in, "activeDaysPrevious30d") + "日から " + n(in, "activeDays30d") + "日に減少";
            case "lowFrequency" -> "直近" + n(in, "spanDays") + "日間の利用は月 "
                    + one(num(in, "activeDays365d") * 30 / num(in, "spanDays")) + "日";
            case "redHealth" -> "ヘルススコア " + n(in, "healthScore");
            case "detractorNps" -> "最新のNPS回答 " + n(in, "npsLatest");
            case "ticketSpike" -> "30日間に起票されたチケット " + n(in, "ticketsCreated30d") + "件(通常は "
                    + one(num(in, "ticketsCreatedPrevious90d") / 3) + "件)";
            case "stalledOnboarding" -> "オンボーディングの状況: " + state(in) + "(" + n(in, "onboardingCompletion") + "% 完了)";
            case "renewalCloseLowHealth" -> "更新まで " + n(in, "daysToRenewal") + "日、ヘルスは " + text(in, "band");
            case "lapse" -> "通常は " + n(in, "usualGapDays") + "日ごとに利用があるのに " + (long) Math.floor(num(in, "daysSinceLastActivity"))
                    + "日間利用なし: 利用をやめた可能性";
            case "rareUse" -> "利用は通常 " + n(in, "usualGapDays") + "日に1回: このペースでも今後90日間利用がない可能性";
            case "neverUsed" -> "開始から " + (long) Math.floor(num(in, "daysSinceStart")) + "日間製品の利用なし";
            case "fitted" -> "学習モデルによる解約可能性 " + whole(d.value()) + "%";
            default -> null;
        };
    }

    private static String trend(double now, double before) {
        double change = before == 0 ? 100 : 100.0 * (now - before) / before;
        return "利用日数が前の30日から" + whole(Math.abs(change)) + "%" + (change >= 0 ? "増加" : "減少")
                + "(" + whole(now) + "日 対 " + whole(before) + "日)";
    }

    private static String onboarding(Map<String, Object> in) {
        String text = "オンボーディング " + n(in, "onboardingCompletion") + "% 完了";
        if (!in.containsKey("onSchedule")) return text;
        double onSchedule = num(in, "onSchedule");
        if (num(in, "onboardingCompletion") >= 100) return text + "(全マイルストーン達成)";
        return text + (onSchedule >= 100 ? "、予定どおり(" + n(in, "daysSinceStart") + "日目)"
                : "、" + n(in, "daysSinceStart") + "日目までの予定の " + whole(onSchedule) + "% を達成");
    }

    private static String renewal(double days) {
        return days >= 0 ? "更新まで " + whole(days) + "日" : "更新期限を " + whole(-days) + "日超過";
    }

    private static String evidence(Map<String, Object> in) {
        List<String> missing = new ArrayList<>();
        if (in.get("missing") instanceof List<?> list) {
            for (Object m : list) missing.add(MEASURES.getOrDefault(String.valueOf(m), String.valueOf(m)));
        }
        String names = String.join("、", missing);
        return Boolean.TRUE.equals(in.get("unknown"))
                ? "判定に必要なデータが不足: データがあるのはモデルの重みの " + n(in, "evidence") + "%(必要 "
                + n(in, "minEvidence") + "%)。データなし: " + names
                : "データがないため除外: " + names;
    }

    private static String state(Map<String, Object> in) {
        String s = text(in, "onboardingState");
        return ONBOARDING_STATES.getOrDefault(s, s);
    }

    private static String npsGroup(double answer) {
        return answer >= 9 ? "推奨者" : answer >= 7 ? "中立者" : "批判者";
    }

    /** A whole number from the inputs. */
    private static String n(Map<String, Object> in, String key) {
        return whole(num(in, key));
    }

    private static double num(Map<String, Object> in, String key) {
        if (in.get(key) instanceof Number x) return x.doubleValue();
        throw new MissingInput();
    }

    private static String text(Map<String, Object> in, String key) {
        Object v = in.get(key);
        if (v == null) throw new MissingInput();
        return String.valueOf(v);
    }

    private static String whole(double x) {
        return Long.toString(Math.round(x));
    }

    private static String one(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }

    /** An input the text needs is not there (a driver from an older or newer version): write English. */
    private static final class MissingInput extends RuntimeException {
        MissingInput() {
            super(null, null, false, false);
        }
    }
}
