package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A Zendesk admin API that remembers what is created, following Zendesk's documented formats:
 * organization fields ({@code /api/v2/organization_fields.json}, offset pages with {@code next_page}),
 * webhooks ({@code /api/v2/webhooks}, cursor pages with {@code meta.has_more} and {@code links.next},
 * {@code filter[name_contains]}, {@code /signing_secret}) and triggers ({@code /api/v2/triggers.json},
 * offset pages). A create missing a mandatory property gets Zendesk's 400/422; no credentials, 401.
 * WireMock on a dynamic port.
 */
public final class FakeZendeskAdmin implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Credentials this Zendesk refuses (401). */
    public static final String REFUSED = "Basic cmVmdXNlZA==";

    public final WireMockServer server;
    private final List<ObjectNode> fields = new ArrayList<>();
    private final List<ObjectNode> webhooks = new ArrayList<>();
    private final List<ObjectNode> triggers = new ArrayList<>();
    private final Map<String, String> secretsByName = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1000);
    private final int pageSize;

    /** @param secretsByName the signing secret Zendesk will give the webhook of each name */
    public FakeZendeskAdmin(Map<String, String> secretsByName, int pageSize) {
        this.secretsByName.putAll(secretsByName);
        this.pageSize = pageSize;
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(new State()));
        server.start();
        server.stubFor(any(urlPathMatching("/api/v2/.*")).willReturn(aResponse().withTransformers(State.NAME)));
    }

    public String url() {
        return server.baseUrl();
    }

    /** What an admin made by hand before: a trigger of that title. */
    public synchronized void existingTrigger(String title) {
        ObjectNode t = JSON.createObjectNode().put("id", ids.incrementAndGet()).put("title", title).put("active", true);
        triggers.add(t);
    }

    public synchronized int created(String what) {
        return switch (what) {
            case "fields" -> fields.size();
            case "webhooks" -> webhooks.size();
            default -> triggers.size();
        };
    }

    public synchronized List<ObjectNode> triggers() {
        return List.copyOf(triggers);
    }

    public synchronized List<ObjectNode> webhooks() {
        return List.copyOf(webhooks);
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class State implements ResponseDefinitionTransformerV2 {
        static final String NAME = "zendesk-admin-state";

        @Override
        public String getName() {
            return NAME;
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            Request r = event.getRequest();
            if (r.getHeader("Authorization") == null || r.getHeader("Authorization").equals(REFUSED)) return error(401, "Couldn't authenticate you");
            try {
                synchronized (FakeZendeskAdmin.this) {
                    return handle(r.getMethod().getName(), r.getUrl(), r.getBodyAsString());
                }
            } catch (IOException e) {
                return error(400, "unparseable body");
            }
        }

        private ResponseDefinition handle(String method, String url, String body) throws IOException {
            String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
            String query = url.contains("?") ? URLDecoder.decode(url.substring(url.indexOf('?') + 1), StandardCharsets.UTF_8) : "";
            if (path.equals("/api/v2/organization_fields.json")) {
                if (method.equals("GET")) return offsetPage("organization_fields", fields, query, path);
                JsonNode f = JSON.readTree(body).path("organization_field");
                if (!f.hasNonNull("key") || !f.hasNonNull("type") || !f.hasNonNull("title")) {
                    return invalid("organization_field needs key, type and title");
                }
                ObjectNode made = ((ObjectNode) f.deepCopy()).put("id", ids.incrementAndGet());
                fields.add(made);
                return created("organization_field", made);
            }
            if (path.matches("/api/v2/organization_fields/\\d+\\.json") && method.equals("PUT")) {
                long id = Long.parseLong(path.replaceAll("\\D", "").substring(1));
                for (ObjectNode f : fields) {
                    if (f.path("id").asLong() == id) {
                        f.setAll((ObjectNode) JSON.readTree(body).path("organization_field"));
                        return ok(JSON.createObjectNode().set("organization_field", f));
                    }
                }
                return error(404, "RecordNotFound");
            }
            if (path.equals("/api/v2/webhooks")) {
                if (method.equals("GET")) {
                    String contains = query.replaceAll(".*filter\\[name_contains]=([^&]*).*", "$1");
                    ArrayNode items = JSON.createArrayNode();
                    webhooks.stream().filter(w -> !query.contains("name_contains") || w.path("name").asText().contains(contains))
                            .forEach(items::add);
                    ObjectNode page = JSON.createObjectNode();
                    page.set("webhooks", items);
                    page.putObject("meta").put("has_more", false).putNull("after_cursor").putNull("before_cursor");
                    page.putObject("links").putNull("next").putNull("prev");
                    return ok(page);
                }
                JsonNode w = JSON.readTree(body).path("webhook");
                for (String p : List.of("name", "endpoint", "http_method", "request_format", "status")) {
                    if (!w.hasNonNull(p)) return error(400, "webhook." + p + " is required");
                }
                ObjectNode made = ((ObjectNode) w.deepCopy()).put("id", "01HZ" + ids.incrementAndGet());
                webhooks.add(made);
                return created("webhook", made);
            }
            if (path.matches("/api/v2/webhooks/[^/]+/signing_secret") && method.equals("GET")) {
                String id = path.split("/")[4];
                for (ObjectNode w : webhooks) {
                    if (w.path("id").asText().equals(id)) {
                        ObjectNode out = JSON.createObjectNode();
                        out.putObject("signing_secret").put("algorithm", "SHA256")
                                .put("secret", secretsByName.getOrDefault(w.path("name").asText(), "zendesk-made-secret-" + id));
                        return ok(out);
                    }
                }
                return error(404, "webhook not found");
            }
            if (path.equals("/api/v2/triggers.json")) {
                if (method.equals("GET")) return offsetPage("triggers", triggers, query, path);
                JsonNode t = JSON.readTree(body).path("trigger");
                if (!t.hasNonNull("title") || !t.path("conditions").isObject() || !t.path("actions").isArray()) {
                    return invalid("trigger needs title, conditions and actions");
                }
                ObjectNode made = ((ObjectNode) t.deepCopy()).put("id", ids.incrementAndGet()).put("active", true);
                triggers.add(made);
                return created("trigger", made);
            }
            return error(404, "InvalidEndpoint");
        }

        private ResponseDefinition offsetPage(String name, List<ObjectNode> all, String query, String path) {
            int page = query.matches(".*page=(\\d+).*") ? Integer.parseInt(query.replaceAll(".*page=(\\d+).*", "$1")) : 1;
            int from = (page - 1) * pageSize;
            ArrayNode items = JSON.createArrayNode();
            all.stream().skip(from).limit(pageSize).forEach(items::add);
            ObjectNode out = JSON.createObjectNode();
            out.set(name, items);
            if (from + pageSize < all.size()) out.put("next_page", server.baseUrl() + path + "?page=" + (page + 1));
            else out.putNull("next_page");
            out.putNull("previous_page");
            out.put("count", all.size());
            return ok(out);
        }

        private ResponseDefinition created(String name, ObjectNode made) {
            return json(201, JSON.createObjectNode().set(name, made));
        }

        private ResponseDefinition ok(JsonNode body) {
            return json(200, body);
        }

        private ResponseDefinition invalid(String description) {
            ObjectNode out = JSON.createObjectNode().put("error", "RecordInvalid").put("description", description);
            return json(422, out);
        }

        private ResponseDefinition error(int status, String message) {
            ObjectNode out = JSON.createObjectNode();
            out.putArray("errors").addObject().put("code", status == 401 ? "Unauthorized" : "Invalid").put("title", message);
            return json(status, out);
        }

        private ResponseDefinition json(int status, JsonNode body) {
            return new ResponseDefinitionBuilder().withStatus(status).withHeader("Content-Type", "application/json")
                    .withBody(body.toString()).build();
        }
    }
}
