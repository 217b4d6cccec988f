package io.csbridge.app.nudges;

import io.csbridge.domain.nudge.Nudge;
import io.csbridge.domain.nudge.NudgeDefinitions;
import io.csbridge.domain.nudge.NudgeResults;
import io.csbridge.store.Database;
import io.csbridge.store.pipeline.OutboxStore;
import io.csbridge.store.pipeline.ScheduledRuns;
import io.csbridge.vendors.ChannelNames;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Once a week ({@code nudges.digest-day} at {@code nudges.digest-hour} in {@code nudges.time-zone}; default
 * Monday 9:00 Asia/Tokyo) one Slack message to the CS alerts channel: per active nudge, shown, clicked,
 * the goal reached among those shown and among the holdout, the lift with its interval and n. One node
 * posts it: the week is claimed in {@code scheduled_run} (name {@link #NAME}, the day of that week's digest)
 * under a lease like the daily rescore, and the Slack write is queued on the outbox with the dedupe key
 * {@code nudge-digest:<day>}, so a takeover after a crash does not post it twice. A week whose digest time
 * has passed is posted when a node next looks (after a restart, late rather than never); with no active
 * nudge the week is done without a message. Rendered by the one Slack message builder ({@code type:
 * nudge-digest}).
 */
public final class WeeklyNudgeDigest {

    public static final String NAME = "nudge-digest";
    static final Duration LEASE = Duration.ofMinutes(2);
    private static final Logger LOG = Logger.getLogger(WeeklyNudgeDigest.class.getName());

    /** When the digest goes out each week. */
    public record Schedule(DayOfWeek day, int hour, ZoneId zone) {
        /** The latest digest moment at or before {@code now}. */
        ZonedDateTime latestAtOrBefore(Instant now) {
            ZonedDateTime local = now.atZone(zone);
            ZonedDateTime moment = local.with(TemporalAdjusters.previousOrSame(day)).toLocalDate().atStartOfDay(zone).withHour(hour);
            return moment.isAfter(local) ? moment.minusWeeks(1) : moment;
        }
    }

    private final Database db;
    private final Clock clock;
    private final Schedule schedule;
    private final Supplier<NudgeDefinitions> definitions;
    private final Function<NudgeDefinitions, List<NudgeResults.Result>> results;
    private final String owner;

    /**
     * @param definitions the nudge definitions in force
     * @param results     each nudge's results now
     * @param owner       this node's name, recorded with the claim
     */
    public WeeklyNudgeDigest(Database db, Clock clock, Schedule schedule, Supplier<NudgeDefinitions> definitions,
                             Function<NudgeDefinitions, List<NudgeResults.Result>> results, String owner) {
        this.db = db;
        this.clock = clock;
        this.schedule = schedule;
        this.definitions = definitions;
        this.results = results;
        this.owner = owner;
    }

    /** Queues this week's digest if its time has come and no node has done the week. @return whether this call queued it */
    public boolean runIfDue() {
        Instant now = clock.instant();
        LocalDate week = schedule.latestAtOrBefore(now).toLocalDate();
        ScheduledRuns runs = new ScheduledRuns(db);
        Optional<ScheduledRuns.Claim> claim = runs.claim(NAME, week, now, owner, LEASE);
        if (claim.isEmpty()) return false;
        NudgeDefinitions defs = definitions.get();
        List<Nudge> active = defs.enabled();
        boolean queued = false;
        if (!active.isEmpty()) {
            Map<String, NudgeResults.Result> byId = new LinkedHashMap<>();
            for (NudgeResults.Result r : results.apply(defs)) byId.put(r.nudgeId(), r);
            List<Map<String, Object>> lines = new ArrayList<>();
            for (Nudge n : active) {
                NudgeResults.Result r = byId.get(n.id());
                if (r != null) lines.add(line(n, r));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("type", "nudge-digest");
            fields.put("week", week.toString());
            fields.put("nudges", lines);
            String key = NAME + ":" + week;
            queued = db.inTransaction(c -> new OutboxStore(db.dialect()).enqueue(c, ChannelNames.SLACK, "nudges", key,
                    fields, now, key));
        }
        runs.finish(claim.get(), clock.instant());
        boolean posted = queued;
        LOG.info(() -> "nudge digest for the week of " + week + (posted ? ": queued for Slack" : ": nothing to post"));
        return queued;
    }

    /** One nudge's line: its counts, both groups' shares with n, and the lift with its 95% interval. */
    static Map<String, Object> line(Nudge nudge, NudgeResults.Result r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", nudge.id());
        out.put("title", nudge.message("en").title());
        out.put("shown", r.shown());
        out.put("clicked", r.clicked());
        out.put("dismissed", r.dismissed());
        out.put("shownN", r.shownGroup().n());
        out.put("shownReached", r.shownGroup().reached());
        out.put("holdoutN", r.holdoutGroup().n());
        out.put("holdoutReached", r.holdoutGroup().reached());
        if (r.lift() != null) {
            out.put("lift", r.lift());
            out.put("liftLow", r.liftLow());
            out.put("liftHigh", r.liftHigh());
        }
        return out;
    }
}
