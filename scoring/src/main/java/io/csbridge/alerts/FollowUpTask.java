package io.csbridge.alerts;

import io.csbridge.domain.account.AccountProfile;
import io.csbridge.domain.alerting.Alert;
import io.csbridge.domain.language.Language;
import io.csbridge.domain.signal.Signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Salesforce Task a person asks for with an alert's {@code cs_create_task} button, in CS Bridge's terms
 * ({@code owner}, {@code subject}, {@code description}; the Salesforce channel maps them onto the Task object),
 * written in the configured language like the drivers on the Account.
 */
final class FollowUpTask {

    private FollowUpTask() {
    }

    static Map<String, Object> fields(AccountProfile profile, Optional<Alert> alert, String owner, Signal press,
                                      Language language) {
        boolean ja = language == Language.JAPANESE;
        String account = profile.name() == null ? profile.id() : profile.name();
        Map<String, Object> task = new LinkedHashMap<>();
        if (owner != null && !owner.isBlank()) task.put("owner", owner);
        String what = alert.map(a -> a.action() != null ? a.action() : a.kind().name())
                .orElse(ja ? "ヘルスアラートのフォローアップ" : "Follow up on the health alert");
        task.put("subject", "CS Bridge: " + account + " - " + what);
        StringBuilder d = new StringBuilder();
        alert.ifPresent(a -> {
            d.append(ja ? "アラート: " : "Alert: ").append(a.kind()).append(ja ? "(ルール " : " (rule ").append(a.ruleId())
                    .append(ja ? ")\n" : ")\n");
            if (ja) {
                d.append("ヘルス ").append(a.healthScore()).append("(").append(a.band().label()).append(")、解約リスク ")
                        .append(a.churnRisk()).append("、オンボーディング ").append(a.onboardingCompletion()).append("%\n");
            } else {
                d.append("Health ").append(a.healthScore()).append(" (").append(a.band().label()).append("), churn risk ")
                        .append(a.churnRisk()).append(", onboarding ").append(a.onboardingCompletion()).append("%\n");
            }
            for (String reason : a.reasons(language)) d.append("- ").append(reason).append('\n');
        });
        String byName = press.attribute("byName");
        String by = byName == null || byName.isBlank() ? press.attribute("by") : byName;
        if (ja) d.append("Slackで ").append(by).append(" さんが依頼(").append(press.occurredAt()).append(")");
        else d.append("Requested in Slack by ").append(by).append(" at ").append(press.occurredAt());
        task.put("description", d.toString());
        task.put("alertId", press.attribute("alertId"));
        return task;
    }
}
