package io.csbridge.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import feign.Response;
import io.csbridge.backfill.VendorReader;
import io.csbridge.connectors.Settings;
import io.csbridge.connectors.Sleeper;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.translation.RecordRejected;
import io.csbridge.translation.salesforce.SalesforceFields;
import io.csbridge.translation.salesforce.SalesforceRecord;
import io.csbridge.translation.salesforce.SalesforceSignals;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads Accounts, closed Opportunities and the owners' User e-mails ({@link OwnerEmails}) changed after a cursor (their {@code SystemModstamp}) into the
 * same inbox entries their Outbound Messages make. A {@code COUNT()} first (the one cheap call when
 * nothing changed); up to {@code salesforce.bulk-threshold} records through the REST query API following
 * {@code nextRecordsUrl}, more through a Bulk API 2.0 query job (its CSV read {@code Sforce-Locator} by
 * locator). Every call goes through {@link SalesforceOrg#read}: token, API reserve, circuit breaker.
 */
@ApplicationScoped
public class SalesforceReader implements VendorReader {

    private SalesforceOrg org;
    private SalesforceSignals signals;
    private SalesforceQueries queries;
    private int bulkThreshold;
    private int batchSize;
    private Duration bulkPoll;
    private Sleeper sleeper;
    private OwnerEmails owners;

    protected SalesforceReader() {
        // for the CDI proxy
    }

    @Inject
    public SalesforceReader(SalesforceOrg org, OwnerEmails owners, Config config, Clock clock) {
        this(org, owners, SalesforceFields.from(name -> config.getOptionalValue(name, String.class)), Settings.from(config), clock,
                Sleeper.SYSTEM);
    }

    public SalesforceReader(SalesforceOrg org, OwnerEmails owners, SalesforceFields fields, Settings settings, Clock clock,
                            Sleeper sleeper) {
        this.org = org;
        this.owners = owners;
        this.signals = new SalesforceSignals(fields, clock);
        this.queries = new SalesforceQueries(fields);
        this.bulkThreshold = settings.getInt("salesforce.bulk-threshold", 2000);
        this.batchSize = Math.max(200, Math.min(2000, settings.getInt("salesforce.query-batch-size", 2000)));
        this.bulkPoll = settings.getSeconds("salesforce.bulk-poll-seconds", Duration.ofSeconds(2));
        this.sleeper = sleeper;
    }

    @Override
    public String source() {
        return SalesforceSignals.SOURCE;
    }

    @Override
    public boolean live() {
        return org.live();
    }

    @Override
    public void read(Instant since, Optional<String> from, Pages pages) throws Unavailable {
        ObjectNode position = from.map(SalesforceReader::parse).orElseGet(Json.MAPPER::createObjectNode);
        for (String object : SalesforceQueries.OBJECTS) {
            String cursor = position.path(object).asText(SalesforceQueries.from(since));
            JsonNode counted = json(org.read((api, s) -> api.query(s.instanceUrl(), version(), s.accessToken(),
                    queries.count(object, cursor), batchSize)));
            long count = counted.path("totalSize").asLong();
            if (count == 0) continue;
            boolean go = count > bulkThreshold ? bulk(object, cursor, position, pages) : rest(object, cursor, position, pages);
            if (!go) return;
        }
    }

    /** The REST query API: the first page, then each {@code nextRecordsUrl} until {@code done}. */
    private boolean rest(String object, String cursor, ObjectNode position, Pages pages) throws Unavailable {
        JsonNode page = json(org.read((api, s) -> api.query(s.instanceUrl(), version(), s.accessToken(),
                queries.select(object, cursor), batchSize)));
        while (true) {
            List<Map<String, String>> records = new ArrayList<>();
            for (JsonNode r : page.path("records")) records.add(fieldsOf(r));
            boolean done = page.path("done").asBoolean(true) || page.path("nextRecordsUrl").asText("").isEmpty();
            if (!hand(object, records, done, position, pages)) return false;
            if (done) return true;
            String next = page.path("nextRecordsUrl").asText();
            page = json(org.read((api, s) -> api.get(URI.create(s.instanceUrl().toString().replaceAll("/$", "") + next),
                    s.accessToken())));
        }
    }

    /** A Bulk API 2.0 query job: created, polled until JobComplete, its CSV read chunk by chunk (locator). */
    private boolean bulk(String object, String cursor, ObjectNode position, Pages pages) throws Unavailable {
        Map<String, Object> job = Map.of("operation", "query", "query", queries.select(object, cursor));
        String id = json(org.read((api, s) -> api.createQueryJob(s.instanceUrl(), version(), s.accessToken(), job))).path("id").asText();
        if (id.isEmpty()) throw new Unavailable("Salesforce created no Bulk query job");
        while (true) {
            String state = json(org.read((api, s) -> api.get(URI.create(s.instanceUrl().toString().replaceAll("/$", "")
                    + "/services/data/" + version() + "/jobs/query/" + id), s.accessToken()))).path("state").asText();
            if (state.equals("JobComplete")) break;
            if (state.equals("Failed") || state.equals("Aborted")) throw new Unavailable("Salesforce Bulk query job " + id + " " + state);
            try {
                sleeper.sleep(bulkPoll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while Salesforce Bulk query job " + id + " ran");
            }
        }
        String locator = null;
        while (true) {
            String at = locator;
            String csv;
            String nextLocator;
            try (Response r = org.read((api, s) -> api.results(s.instanceUrl(), version(), s.accessToken(), id, batchSize * 25, at))) {
                nextLocator = SalesforceRest.header(r, "Sforce-Locator");
                csv = text(r);
            }
            boolean done = nextLocator == null || nextLocator.isBlank() || nextLocator.equals("null");
            if (!hand(object, BulkCsv.records(csv), done, position, pages)) return false;
            if (done) return true;
            locator = nextLocator;
        }
    }

    /** One page to the inbox: the records as entries, and the cursor after them (exclusive once the object is read). */
    private boolean hand(String object, List<Map<String, String>> records, boolean done, ObjectNode position, Pages pages) {
        List<InboxEntry> entries = new ArrayList<>(records.size());
        int skipped = 0;
        Instant newest = null;
        for (Map<String, String> fields : records) {
            Instant stamp = stamp(fields.get("SystemModstamp"));
            if (stamp != null && (newest == null || stamp.isAfter(newest))) newest = stamp;
            if (object.equals("User")) {
                owners.remember(fields.get("Id"), fields.get("Email")); // no signal: what alerts mention owners by
                continue;
            }
            try {
                entries.add(signals.entry(new SalesforceRecord(object, fields), payload(object, fields)));
            } catch (RecordRejected e) {
                skipped++;
            }
        }
        if (newest != null) position.put(object, SalesforceQueries.after(newest, !done));
        else if (done && position.path(object).asText("").startsWith(">=")) {
            position.put(object, ">" + position.path(object).asText().substring(2));
        }
        return pages.page(entries, skipped, position.toString());
    }

    private static Map<String, String> fieldsOf(JsonNode record) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        record.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("attributes") && e.getValue().isValueNode() && !e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
            }
        });
        return out;
    }

    private static String payload(String object, Map<String, String> fields) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("via", "salesforce-read");
        node.put("sObject", object);
        ObjectNode f = node.putObject("fields");
        fields.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> f.put(e.getKey(), e.getValue()));
        return node.toString();
    }

    /** {@code 2026-01-15T10:00:00.000+0000} (the REST API) or {@code ...Z} (Bulk CSV). */
    static Instant stamp(String text) {
        if (text == null || text.isBlank()) return null;
        String t = text.trim();
        if (t.matches(".*[+-]\\d{4}$")) t = t.substring(0, t.length() - 2) + ":" + t.substring(t.length() - 2);
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String version() {
        return org.settings().versionInPath();
    }

    private static JsonNode json(Response response) throws Unavailable {
        try (Response r = response) {
            return SalesforceRest.readJson(r);
        } catch (IOException e) {
            throw new Unavailable("Salesforce answer unreadable: " + e.getMessage(), e);
        }
    }

    private static String text(Response response) throws Unavailable {
        if (response.body() == null) return "";
        try (InputStream in = response.body().asInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unavailable("Salesforce CSV unreadable: " + e.getMessage(), e);
        }
    }

    private static ObjectNode parse(String position) {
        try {
            JsonNode node = Json.MAPPER.readTree(position);
            return node instanceof ObjectNode o ? o : Json.MAPPER.createObjectNode();
        } catch (IOException e) {
            return Json.MAPPER.createObjectNode();
        }
    }
}
