package io.csbridge.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.csbridge.backfill.VendorReader;
import io.csbridge.connectors.RequestPace;
import io.csbridge.connectors.Settings;
import io.csbridge.connectors.Sleeper;
import io.csbridge.inbox.InboxEntry;
import io.csbridge.json.Json;
import io.csbridge.translation.RecordRejected;
import io.csbridge.translation.zendesk.ZendeskRecords;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads Zendesk's organizations (incremental organization export, time-based: items repeated at page
 * edges are dropped), tickets (cursor-based incremental ticket export until {@code end_of_stream}) and
 * satisfaction ratings into the entries the Zendesk webhook makes. The position is
 * {@code {"organizations":<start_time>,"tickets":"<after_cursor>","ratings":<start_time>,"ratingsAfter":"..."}};
 * an export's cursor at its end is where the next reconciliation asks, one call per export when nothing changed.
 */
@ApplicationScoped
public class ZendeskReader implements VendorReader {

    private ZendeskSettings settings;
    private ZendeskExports exports;
    private int ratingPage;

    protected ZendeskReader() {
        // for the CDI proxy
    }

    @Inject
    public ZendeskReader(Config config, Clock clock) {
        this(Settings.from(config), clock, Sleeper.SYSTEM);
    }

    /**
     * The export pace's minute, with a margin: Zendesk counts a request when it arrives, which can be later than
     * when the pace counted it (the first request after a boot by several hundred milliseconds; measured with
     * ear/src/bench/backfill: without the margin an 11th request arrived within 60 s of the first).
     */
    static final Duration EXPORT_WINDOW = Duration.ofSeconds(62);

    public ZendeskReader(Settings s, Clock clock, Sleeper sleeper) {
        this.settings = ZendeskSettings.from(s);
        int exportsPerMinute = Math.min(10, s.getInt("zendesk.export-requests-per-minute", 10));
        this.exports = settings.live() ? new ZendeskExports(
                ZendeskExports.client(settings, s.getSeconds("zendesk.timeout-seconds", Duration.ofSeconds(30))),
                new RequestPace(exportsPerMinute, EXPORT_WINDOW, clock, sleeper),
                new RequestPace(settings.requestsPerMinute(), Duration.ofMinutes(1), clock, sleeper)) : null;
        this.ratingPage = s.getInt("zendesk.rating-page-size", 100);
    }

    /** The exports' rest client goes with the application (a redeploy would leak its connection pool). */
    @PreDestroy
    void close() {
        if (exports != null) exports.close();
    }

    @Override
    public String source() {
        return ZendeskRecords.SOURCE;
    }

    @Override
    public boolean live() {
        return exports != null;
    }

    @Override
    public void read(Instant since, Optional<String> from, Pages pages) throws Unavailable {
        if (exports == null) throw new Unavailable("Zendesk is in sandbox mode");
        ObjectNode position = from.map(ZendeskReader::parse).orElseGet(Json.MAPPER::createObjectNode);
        Map<String, String> ticketOrganizations = new HashMap<>();
        if (organizations(since, position, pages) && tickets(since, position, pages, ticketOrganizations)) {
            ratings(since, position, pages, ticketOrganizations);
        }
    }

    private boolean organizations(Instant since, ObjectNode position, Pages pages) throws Unavailable {
        long start = position.path("organizations").asLong(since.getEpochSecond());
        Set<String> previousPage = Set.of();
        while (true) {
            long at = start;
            JsonNode page = exports.export(() -> exports.api().organizationsSince(at));
            List<InboxEntry> entries = new ArrayList<>();
            Set<String> thisPage = new HashSet<>();
            int skipped = 0;
            for (JsonNode o : page.path("organizations")) {
                try {
                    InboxEntry e = ZendeskRecords.exportedOrganization(text(o, "id"), text(o, "name"), text(o, "external_id"),
                            text(o, "updated_at"), o.toString());
                    if (thisPage.add(e.dedupeKey()) && !previousPage.contains(e.dedupeKey())) entries.add(e);
                } catch (RecordRejected e) {
                    skipped++;
                }
            }
            previousPage = thisPage;
            boolean end = page.path("end_of_stream").asBoolean(true) || !page.hasNonNull("end_time");
            start = page.path("end_time").asLong(start);
            position.put("organizations", start);
            if (!pages.page(entries, skipped, position.toString())) return false;
            if (end) return true;
        }
    }

    private boolean tickets(Instant since, ObjectNode position, Pages pages, Map<String, String> organizations) throws Unavailable {
        String cursor = position.path("tickets").asText(null);
        JsonNode page = cursor == null ? exports.export(() -> exports.api().ticketsSince(since.getEpochSecond()))
                : exports.export(() -> exports.api().ticketsAfter(cursor));
        while (true) {
            List<InboxEntry> entries = new ArrayList<>();
            int skipped = 0;
            for (JsonNode t : page.path("tickets")) {
                try {
                    List<String> tags = new ArrayList<>();
                    t.path("tags").forEach(tag -> tags.add(tag.asText()));
                    entries.add(ZendeskRecords.exportedTicket(text(t, "id"), text(t, "status"), text(t, "priority"), tags,
                            text(t, "organization_id"), text(t, "created_at"), text(t, "updated_at"), t.toString()));
                    if (text(t, "organization_id") != null) organizations.put(text(t, "id"), text(t, "organization_id"));
                } catch (RecordRejected e) {
                    skipped++;
                }
            }
            String after = page.path("after_cursor").asText(null);
            if (after != null) position.put("tickets", after);
            if (!pages.page(entries, skipped, position.toString())) return false;
            if (page.path("end_of_stream").asBoolean(true) || after == null) return true;
            page = exports.export(() -> exports.api().ticketsAfter(after));
        }
    }

    private void ratings(Instant since, ObjectNode position, Pages pages, Map<String, String> organizations) throws Unavailable {
        long start = position.path("ratings").asLong(since.getEpochSecond());
        long newest = position.path("ratingsNewest").asLong(start);
        String after = position.path("ratingsAfter").asText(null);
        while (true) {
            String cursor = after;
            JsonNode page = exports.ratings(() -> exports.api().ratings(start, ratingPage, cursor));
            List<InboxEntry> entries = new ArrayList<>();
            int skipped = 0;
            for (JsonNode r : page.path("satisfaction_ratings")) {
                String ticket = text(r, "ticket_id");
                String organization = Optional.ofNullable(text(r, "organization_id")).orElse(organizations.get(ticket));
                try {
                    InboxEntry e = ZendeskRecords.exportedRating(ticket, organization, text(r, "score"), text(r, "comment"),
                            text(r, "updated_at"), r.toString());
                    entries.add(e);
                    newest = Math.max(newest, e.eventTime().getEpochSecond() + 1);
                } catch (RecordRejected e) {
                    skipped++;
                }
            }
            boolean more = page.path("meta").path("has_more").asBoolean(false);
            after = more ? page.path("meta").path("after_cursor").asText(null) : null;
            if (after != null) {
                position.put("ratingsAfter", after);
                position.put("ratingsNewest", newest);
            } else {
                position.remove("ratingsAfter");
                position.remove("ratingsNewest");
                position.put("ratings", newest);
            }
            if (!pages.page(entries, skipped, position.toString()) || after == null) return;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
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
