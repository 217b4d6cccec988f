package io.csbridge.webhooks.slack;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.domain.account.AccountHealth;
import io.csbridge.domain.account.HealthLookup;
import io.csbridge.json.Json;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The answer to {@code /cs-health <account>} (or {@code /health}, the older name): an ephemeral message (only the asker sees it) with the
 * score, band, trend, churn risk, onboarding and the top drivers, or a hint on what to type instead.
 */
public final class HealthCommandReply {

    static final int TOP_DRIVERS = 3;
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private HealthCommandReply() {
    }

    /** The command's default name, in deploy/slack/manifest.yml; {@code /health} is accepted too. */
    public static final String COMMAND = "/cs-health";

    public static String usage() {
        return usage(COMMAND);
    }

    /** How to use {@code command}, the name the workspace gave the slash command. */
    public static String usage(String command) {
        String name = command == null || !command.startsWith("/") ? COMMAND : command;
        return message("Usage: `" + name + " <account name or domain>`, for example `" + name + " acme.com`.");
    }

    public static String unavailable() {
        return message("Account health cannot be read right now. Please try again in a minute.");
    }

    public static String to(String query, HealthLookup result) {
        if (result instanceof HealthLookup.Found f) return health(f.health());
        if (result instanceof HealthLookup.Ambiguous a) {
            return message("Several accounts match \u201c" + escape(query) + "\u201d: "
                    + String.join(", ", a.names().stream().map(HealthCommandReply::escape).toList())
                    + (a.more() ? ", \u2026" : "")
                    + ". Type more of the name, or the web domain.");
        }
        return message("No account matches \u201c" + escape(query) + "\u201d. "
                + "Try the account name as it appears in Salesforce, or its web domain (for example `acme.com`).");
    }

    private static String health(AccountHealth h) {
        String title = "*" + escape(h.name()) + "*" + (h.domains().isEmpty() ? "" : " (" + escape(String.join(", ", h.domains())) + ")");
        if (!h.scored()) return message(title + " has no health score yet: its first signals are still being processed.");
        StringBuilder summary = new StringBuilder(title)
                .append(": health *").append(h.healthScore()).append("/100* ").append(badge(h.band())).append(' ').append(escape(h.band()))
                .append(", trend ").append(h.trend() == null ? "not known yet" : signed(h.trend()) + " over 30 days");
        if (h.churnRisk() != null) summary.append(", churn risk ").append(h.churnRisk()).append("/100");
        if (h.onboardingCompletion() != null) summary.append(", onboarding ").append(h.onboardingCompletion()).append('%');
        summary.append('.');
        StringBuilder drivers = new StringBuilder();
        h.drivers().stream().limit(TOP_DRIVERS).forEach(d -> {
            drivers.append("\n\u2022 *").append(escape(d.measure())).append("*");
            if (!Double.isNaN(d.value())) drivers.append(' ').append(Math.round(d.value())).append("/100");
            drivers.append(" (").append(signed(d.contribution())).append(" pts)");
            if (!d.explanation().isBlank()) drivers.append(": ").append(escape(d.explanation()));
        });
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("response_type", "ephemeral");
        reply.put("text", summary.toString());
        ArrayNode blocks = reply.putArray("blocks");
        section(blocks, summary.toString());
        if (!drivers.isEmpty()) section(blocks, "Top drivers:" + drivers);
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode element = context.putArray("elements").addObject();
        element.put("type", "mrkdwn");
        element.put("text", "As of " + (h.asOf() == null ? "unknown" : AS_OF.format(h.asOf())) + " \u00b7 account " + escape(h.accountId()));
        return reply.toString();
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", mrkdwn.length() > 3000 ? mrkdwn.substring(0, 2999) + "\u2026" : mrkdwn);
    }

    private static String message(String text) {
        ObjectNode reply = Json.MAPPER.createObjectNode();
        reply.put("response_type", "ephemeral");
        reply.put("text", text);
        return reply.toString();
    }

    private static String badge(String band) {
        return switch (band == null ? "" : band.toLowerCase(Locale.ROOT)) {
            case "green" -> ":large_green_circle:";
            case "yellow" -> ":large_yellow_circle:";
            case "red" -> ":red_circle:";
            default -> ":white_circle:";
        };
    }

    private static String signed(double value) {
        long rounded = Math.round(value);
        return (rounded > 0 ? "+" : rounded < 0 ? "\u2212" : "\u00b1") + Math.abs(rounded);
    }

    /** Slack mrkdwn treats &, < and > as control characters. */
    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
