package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.csbridge.json.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition;

/**
 * Zendesk's background jobs as documented: update_many answers a queued job_status; show_many answers
 * each job's status and, once completed, one result per organization.
 */
final class FakeZendeskJobs implements ResponseDefinitionTransformerV2 {

    final Map<String, List<Long>> jobs = new ConcurrentHashMap<>();
    final Set<Long> failing = ConcurrentHashMap.newKeySet();
    final AtomicInteger pollsBeforeDone = new AtomicInteger();
    private final AtomicInteger nextJob = new AtomicInteger();

    @Override
    public String getName() {
        return "zendesk-jobs";
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        try {
            String path = event.getRequest().getUrl();
            if (path.startsWith("/api/v2/organizations/update_many.json")) {
                List<Long> ids = new ArrayList<>();
                for (JsonNode o : Json.MAPPER.readTree(event.getRequest().getBodyAsString()).get("organizations")) {
                    ids.add(o.get("id").asLong());
                }
                String id = "job" + nextJob.incrementAndGet();
                jobs.put(id, ids);
                return json(Map.of("job_status", status(id, "queued", null)));
            }
            String ids = event.getRequest().queryParameter("ids").firstValue();
            boolean done = pollsBeforeDone.getAndDecrement() <= 0;
            List<Object> statuses = new ArrayList<>();
            for (String id : ids.split(",")) {
                if (!jobs.containsKey(id)) continue;
                statuses.add(done ? status(id, "completed", results(jobs.get(id))) : status(id, "working", null));
            }
            return json(Map.of("job_statuses", statuses));
        } catch (Exception e) {
            return responseDefinition().withStatus(500).withBody(e.toString()).build();
        }
    }

    private List<Object> results(List<Long> ids) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", ids.get(i));
            r.put("index", i);
            if (failing.contains(ids.get(i))) {
                r.put("error", "OrganizationUpdateFailed");
                r.put("details", "Cs health band: is not a valid option");
                r.put("success", false);
            } else {
                r.put("action", "update");
                r.put("status", "Updated");
                r.put("success", true);
            }
            out.add(r);
        }
        return out;
    }

    private static Map<String, Object> status(String id, String state, List<Object> results) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("url", "https://example.zendesk.com/api/v2/job_statuses/" + id + ".json");
        s.put("status", state);
        s.put("total", results == null ? 0 : results.size());
        s.put("progress", results == null ? 0 : results.size());
        s.put("message", "completed".equals(state) ? "Completed at 2026-03-01 12:00:00 +0000" : null);
        s.put("results", results);
        return s;
    }

    private static ResponseDefinition json(Object body) {
        return responseDefinition().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8")
                .withBody(Json.write(body)).build();
    }
}
