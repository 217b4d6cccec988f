package io.csbridge.domain.scoring;

import io.csbridge.domain.score.AccountFacts;

import io.csbridge.domain.onboarding.MilestoneCatalog;
import io.csbridge.domain.signal.Attributes;
import io.csbridge.domain.signal.CustomAttributes;
import io.csbridge.domain.signal.Signal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reduces an account's signals to {@link AccountFacts} in a single pass, with no per-event allocation
 * beyond one entry per user and per ticket: this loop is what a full recompute of every account costs.
 * Signals must be in event-time order and stamped at or before {@code asOf}.
 */
public final class FactCollector {

    private static final long DAY = 86_400L;

    private final Map<String, Integer> keyFeatureBits = new HashMap<>();
    private final MilestoneCatalog milestones;

    public FactCollector(List<String> keyFeatures, MilestoneCatalog milestones) {
        if (keyFeatures.size() > 64) throw new IllegalArgumentException("at most 64 key features");
        for (int i = 0; i < keyFeatures.size(); i++) keyFeatureBits.put(keyFeatures.get(i), i);
        this.milestones = milestones;
    }

    private static final class UserTrack {
        long lastActiveDay30 = AccountFacts.NONE;
    }

    private static final class Ticket {
        boolean open;
        boolean urgent;
    }

    public AccountFacts collect(List<Signal> signals, Instant asOfInstant) {
        AccountFacts f = new AccountFacts();
        long asOf = asOfInstant.getEpochSecond();
        f.asOf = asOf;
        f.keyFeatures = keyFeatureBits.size();
        long[] reached = new long[milestones.size()];
        java.util.Arrays.fill(reached, AccountFacts.NONE);
        f.milestoneReachedAt = reached;

        long from30 = asOf - 30 * DAY;
        long from60 = asOf - 60 * DAY;
        long from90 = asOf - 90 * DAY;
        long from120 = asOf - 120 * DAY;
        long from365 = asOf - 365 * DAY;
        long lastDay30 = AccountFacts.NONE;
        long lastDayPrevious30 = AccountFacts.NONE;
        long lastDay365 = AccountFacts.NONE;
        Map<String, UserTrack> users = new HashMap<>();
        Map<String, Ticket> tickets = null;

        for (Signal s : signals) {
            long t = s.occurredAt().getEpochSecond();
            if (t > asOf) break;
            if (f.firstSeen == AccountFacts.NONE) f.firstSeen = t;
            f.signals++;
            switch (s.kind()) {
                case PRODUCT_EVENT, PAGE_VIEW -> {
                    long day = Math.floorDiv(t, DAY);
                    if (f.firstUsage == AccountFacts.NONE) f.firstUsage = t;
                    f.lastUsage = t;
                    if (t > from30) {
                        f.usageEvents30++;
                        if (day != lastDay30) { f.activeDays30++; lastDay30 = day; }
                    } else if (t > from60 && day != lastDayPrevious30) {
                        f.activeDaysPrevious30++;
                        lastDayPrevious30 = day;
                    }
                    if (t > from365 && day != lastDay365) { f.activeDays365++; lastDay365 = day; }
                    String user = s.user();
                    if (!user.isEmpty()) {
                        UserTrack track = users.get(user);
                        if (track == null) {
                            track = new UserTrack();
                            users.put(user, track);
                            milestones.onUsers(users.size(), t, reached);
                        }
                        if (t > from30 && track.lastActiveDay30 != day) {
                            if (track.lastActiveDay30 == AccountFacts.NONE) f.activeUsers30++;
                            track.lastActiveDay30 = day;
                            f.userDays30++;
                        }
                    }
                    if (s.kind() == io.csbridge.domain.signal.SignalKind.PRODUCT_EVENT) {
                        if (t > from30) {
                            Integer bit = keyFeatureBits.get(s.name());
                            if (bit != null) f.keyFeaturesUsed30 |= 1L << bit;
                        }
                        int[] hit = milestones.reachedByEvent(s.name());
                        if (hit != null) mark(hit, t, reached);
                    }
                }
                case USER_IDENTIFIED -> {
                    if (!s.user().isEmpty() && !users.containsKey(s.user())) {
                        users.put(s.user(), new UserTrack());
                        milestones.onUsers(users.size(), t, reached);
                    }
                }
                case ACCOUNT_TRAITS -> traits(f, s, t, reached);
                case MILESTONE_REACHED -> {
                    int[] hit = milestones.reachedByMilestone(s.name());
                    if (hit != null) mark(hit, t, reached);
                }
                case NPS_ANSWER -> {
                    if (s.hasValue() && s.value() >= 0 && s.value() <= 10 && t > from365) {
                        f.npsPrevious = f.npsLatest;
                        f.npsLatest = s.value();
                        f.npsLatestAt = t;
                    }
                }
                case SATISFACTION_RATED -> {
                    if (s.hasValue() && t > from90) {
                        if (s.value() >= 0.5) f.satisfactionGood90++; else f.satisfactionBad90++;
                    }
                }
                case TICKET_CREATED, TICKET_UPDATED, TICKET_SOLVED, TICKET_REOPENED -> {
                    if (tickets == null) tickets = new HashMap<>();
                    ticket(f, s, t, tickets, from30, from90, from120);
                }
                case OPPORTUNITY_CLOSED -> {
                    // Opportunities feed KPIs and churn labels, not health.
                }
            }
        }
        f.usersEver = users.size();
        if (tickets != null) {
            for (Ticket ticket : tickets.values()) {
                if (ticket.open) {
                    f.openTickets++;
                    if (ticket.urgent) f.urgentOpenTickets++;
                }
            }
        }
        return f;
    }

    private static void mark(int[] indexes, long t, long[] reached) {
        for (int i : indexes) if (reached[i] == AccountFacts.NONE) reached[i] = t;
    }

    private void traits(AccountFacts f, Signal s, long t, long[] reached) {
        Map<String, String> a = s.attributes();
        if (a.isEmpty()) return;
        double arr = number(a.get(Attributes.ARR));
        if (!Double.isNaN(arr)) f.arr = arr;
        double seats = number(a.get(Attributes.SEATS));
        if (!Double.isNaN(seats)) f.seats = seats;
        String plan = a.get(Attributes.PLAN);
        if (plan != null && !plan.isBlank()) f.plan = plan;
        String owner = a.get(Attributes.OWNER);
        if (owner != null && !owner.isBlank()) f.owner = owner;
        long start = day(a.get(Attributes.START_DATE));
        if (start != AccountFacts.NONE) f.startDay = start;
        long renewal = day(a.get(Attributes.RENEWAL_DATE));
        if (renewal != AccountFacts.NONE) f.renewalDay = renewal;
        String churned = a.get(Attributes.CHURNED);
        if (churned != null) {
            boolean now = "true".equalsIgnoreCase(churned.trim());
            if (now && !f.churned) f.churnedAt = t;
            f.churned = now;
            if (!now) f.churnedAt = AccountFacts.NONE;
        }
        for (Map.Entry<String, String> e : a.entrySet()) {
            if (CustomAttributes.isCustom(e.getKey())) custom(f, CustomAttributes.nameOf(e.getKey()), e.getValue());
        }
        if (milestones.hasTraitConditions()) milestones.onTraits(s, t, reached);
    }

    /** Latest value wins; the contract's limits hold here too (at most 50 names an account, the first 50 seen). */
    private static void custom(AccountFacts f, String name, String value) {
        if (CustomAttributes.problem(name, value) != null) return;
        if (f.custom.isEmpty()) f.custom = new java.util.LinkedHashMap<>();
        else if (!f.custom.containsKey(name) && f.custom.size() >= CustomAttributes.MAX_PER_ACCOUNT) return;
        f.custom.put(name, value == null ? "" : value);
    }

    private static void ticket(AccountFacts f, Signal s, long t, Map<String, Ticket> tickets,
                               long from30, long from90, long from120) {
        f.everTicket = true;
        String id = s.name();
        Ticket ticket = tickets.get(id);
        boolean isNew = ticket == null;
        if (isNew) {
            ticket = new Ticket();
            tickets.put(id, ticket);
            if (t > from30) f.ticketsCreated30++;
            else if (t > from120) f.ticketsCreatedPrevious90++;
        }
        String priority = s.attribute(Attributes.PRIORITY);
        if (priority != null) ticket.urgent = "urgent".equalsIgnoreCase(priority.trim());
        boolean wasOpen = ticket.open;
        boolean open = switch (s.kind()) {
            case TICKET_SOLVED -> false;
            case TICKET_REOPENED -> true;
            default -> {
                String status = s.attribute(Attributes.STATUS);
                yield status == null ? (isNew || wasOpen) : isOpenStatus(status);
            }
        };
        if (!isNew && !wasOpen && open && t > from90) f.reopened90++;
        if (wasOpen && !open && t > from90) f.solved90++;
        if (isNew && !open && t > from90) f.solved90++;
        ticket.open = open;
    }

    private static boolean isOpenStatus(String status) {
        String s = status.trim().toLowerCase(Locale.ROOT);
        return !(s.equals("solved") || s.equals("closed"));
    }

    static double number(String text) {
        if (text == null || text.isBlank()) return Double.NaN;
        try {
            double v = Double.parseDouble(text.trim());
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** An ISO date (or the date part of an ISO date-time) as an epoch day, or NONE. */
    static long day(String text) {
        if (text == null || text.length() < 10) return AccountFacts.NONE;
        try {
            return LocalDate.parse(text.substring(0, 10)).toEpochDay();
        } catch (DateTimeParseException e) {
            return AccountFacts.NONE;
        }
    }
}
