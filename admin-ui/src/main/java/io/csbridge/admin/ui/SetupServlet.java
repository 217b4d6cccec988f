package io.csbridge.admin.ui;

import io.csbridge.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /admin/ui/setup}: what an operator needs to connect each vendor: the webhook URLs to paste
 * into the vendor's settings and which configuration properties are set. Secrets are reported as set or
 * not, never shown. Also the base links to open an account in Salesforce and Zendesk.
 */
@WebServlet("/ui/setup")
public class SetupServlet extends HttpServlet {

    /** A property, whether it holds a secret, and (for non-secrets only) its value. */
    record Property(String name, boolean secret) {
    }

    record Vendor(String name, List<String> webhooks, List<Property> properties) {
    }

    static final List<Vendor> VENDORS = List.of(
            new Vendor("usage", List.of("/hooks/usage", "/hooks/usage/v1/batch"), List.of(
                    new Property("usage.webhook-secret", true), new Property("usage.write-key", true))),
            new Vendor("salesforce", List.of("/hooks/salesforce?token=<salesforce.outbound-token>"), List.of(
                    new Property("salesforce.outbound-token", true), new Property("salesforce.org-id", false),
                    new Property("salesforce.login-url", false), new Property("salesforce.client-id", false),
                    new Property("salesforce.client-secret", true), new Property("salesforce.username", false),
                    new Property("salesforce.private-key", true), new Property("salesforce.api-version", false))),
            new Vendor("zendesk", List.of("/hooks/zendesk"), List.of(
                    new Property("zendesk.webhook-secret", true), new Property("zendesk.url", false),
                    new Property("zendesk.email", false), new Property("zendesk.api-token", true),
                    new Property("zendesk.oauth-token", true))),
            new Vendor("slack", List.of("/hooks/slack/interactions", "/hooks/slack/commands", "/hooks/slack/events"), List.of(
                    new Property("slack.signing-secret", true), new Property("slack.bot-token", true),
                    new Property("slack.alert-channel", false), new Property("slack.api-url", false))));

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Config config = ConfigProvider.getConfig();
        String origin = request.getScheme() + "://" + request.getServerName() + ":" + request.getServerPort();
        List<Map<String, Object>> vendors = VENDORS.stream().map(v -> {
            Map<String, Object> vendor = new LinkedHashMap<>();
            vendor.put("name", v.name());
            vendor.put("webhooks", v.webhooks().stream().map(h -> origin + h).toList());
            vendor.put("properties", v.properties().stream().map(p -> {
                Map<String, Object> property = new LinkedHashMap<>();
                var value = config.getOptionalValue(p.name(), String.class).filter(s -> !s.isBlank());
                property.put("name", p.name());
                property.put("env", p.name().toUpperCase().replace('.', '_').replace('-', '_'));
                property.put("secret", p.secret());
                property.put("set", value.isPresent());
                if (!p.secret()) value.ifPresent(s -> property.put("value", s));
                return property;
            }).toList());
            return vendor;
        }).toList();
        Map<String, Object> links = new LinkedHashMap<>();
        links.put("salesforce", config.getOptionalValue("salesforce.login-url", String.class).orElse("https://login.salesforce.com"));
        links.put("zendesk", config.getOptionalValue("zendesk.url", String.class).orElse(null));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("vendors", vendors);
        out.put("links", links);
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        Json.MAPPER.writeValue(response.getOutputStream(), out);
    }
}
