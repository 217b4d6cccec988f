package io.csbridge.connectors.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.users.UsersLookupByEmailRequest;
import com.slack.api.methods.response.users.UsersLookupByEmailResponse;
import com.slack.api.model.User;
import io.csbridge.domain.alerting.OwnerDirectory;
import io.csbridge.domain.alerting.SlackUserLookups;
import io.csbridge.connectors.RequestBudget;
import io.csbridge.outbox.VendorBudgetNames;
import io.csbridge.outbox.VendorBudgets;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Whom an alert mentions for an account owner. The owner arrives as the alert rules left it: a Slack
 * user id when {@code alerting.owner-slack-ids} maps the owner (that mapping wins), else as the CRM
 * names them. An e-mail address is looked up with {@code users.lookupByEmail} (scope
 * {@code users:read.email}) and Slack's answer, found or not ({@code users_not_found}), is kept in the
 * database for the TTL, so a burst of alerts asks once per address. A CRM user id (a Salesforce OwnerId)
 * is first turned into the user's address by the CRM's {@link OwnerDirectory}, and the outcome is kept
 * under the id for the same TTL. Anything else (a name) is named in plain text.
 */
final class SlackOwners {

    /** users.lookupByEmail is Slack's Tier 3: "50+ per minute" per workspace and app. */
    static final int LOOKUPS_PER_MINUTE = 50;
    /** After an error that will not pass by itself (a missing scope, a revoked token): name owners, ask again later. */
    private static final Duration UNAVAILABLE_PAUSE = Duration.ofMinutes(10);
    private static final Pattern SLACK_USER = Pattern.compile("[UW][A-Z0-9]{2,}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>|]+@[^@\\s<>|]+\\.[^@\\s<>|]+");
    private static final Set<String> NO_SUCH_USER = Set.of("users_not_found", "user_not_found");
    private static final Logger LOG = Logger.getLogger(SlackOwners.class.getName());

    /**
     * What to show for an owner.
     *
     * @param slackUserId the user to mention; null: name the owner in plain text
     * @param waitFor     not zero when a lookup is due but Slack asked to wait (429) or this minute's
     *                    allowance is spent: how long until a lookup may be made
     */
    record Mention(String slackUserId, Duration waitFor) {

        static final Mention NAMED = new Mention(null, Duration.ZERO);

        static Mention of(String slackUserId) {
            return new Mention(slackUserId, Duration.ZERO);
        }
    }

    private final MethodsClient methods;
    private final SlackUserLookups answers;
    private final OwnerDirectory directory;
    private final Duration ttl;
    private final Clock clock;
    private final RequestBudget budget;
    private volatile Instant unavailableUntil = Instant.MIN;

    /** @param methods null in sandbox mode: owners are named, nobody is looked up */
    SlackOwners(MethodsClient methods, SlackUserLookups answers, OwnerDirectory directory, Duration ttl, Clock clock,
                VendorBudgets budgets) {
        this.methods = methods;
        this.answers = answers;
        this.directory = directory;
        this.ttl = ttl;
        this.clock = clock;
        this.budget = new RequestBudget(budgets, VendorBudgetNames.SLACK_LOOKUPS, LOOKUPS_PER_MINUTE);
    }

    /**
     * Puts the Slack user to mention in place of the owner in a write's fields (an alert's, a digest's
     * recipient, the pressed alert's) when one is known, and says how long to wait when the owner's
     * e-mail lookup must wait (zero: go). A CS team wants the owner notified more than it wants the alert
     * a minute sooner: a health alert is a signal of days, while an alert that only names its owner may go
     * unseen in a busy channel. So a first attempt waits out Slack's Retry-After (the outbox retries it no
     * sooner); a later attempt never waits again and names the owner in plain text, so the user directory
     * can delay an alert once but never hold it back. The update after a press never waits.
     *
     * @param fields  the write's fields, changed in place
     * @param mayWait whether this is the write's first attempt
     */
    @SuppressWarnings("unchecked")
    Duration mentionIn(Map<String, Object> fields, boolean mayWait) {
        if ("action".equals(fields.get("type"))) {
            if (fields.get("alert") instanceof Map<?, ?> alert) {
                Map<String, Object> pressed = new LinkedHashMap<>((Map<String, Object>) alert);
                mentionOwner(pressed, false);
                fields.put("alert", pressed);
            }
            return Duration.ZERO;
        }
        return mentionOwner(fields, mayWait);
    }

    private Duration mentionOwner(Map<String, Object> fields, boolean mayWait) {
        Object owner = fields.get("owner");
        if (owner == null) return Duration.ZERO;
        Mention mention = mentionOf(owner.toString());
        if (mention.slackUserId() != null) fields.put("owner", mention.slackUserId());
        return mayWait ? mention.waitFor() : Duration.ZERO;
    }

    Mention mentionOf(String owner) {
        if (owner == null || owner.isBlank()) return Mention.NAMED;
        String o = owner.trim();
        if (SLACK_USER.matcher(o).matches()) return Mention.of(o);
        if (methods != null && directory.knows(o)) return mentionOfCrmUser(o);
        if (methods == null || !EMAIL.matcher(o).matches()) return Mention.NAMED;
        Instant now = clock.instant();
        Optional<SlackUserLookups.Answer> known = answers.last(o);
        if (known.isPresent() && known.get().at().plus(ttl).isAfter(now)) return Mention.of(known.get().slackUserId());
        // An answer past its TTL is still better than none while Slack cannot be asked.
        Mention stale = known.map(a -> Mention.of(a.slackUserId())).orElse(Mention.NAMED);
        if (now.isBefore(unavailableUntil)) return stale;
        Duration wait = budget.tryAcquire();
        if (!wait.isZero()) return known.isPresent() ? stale : new Mention(null, wait);
        return lookUp(o, now, stale, known.isPresent());
    }

    /** A CRM user id: its address from the CRM, then the address's Slack user; the outcome kept under the id. */
    private Mention mentionOfCrmUser(String id) {
        Instant now = clock.instant();
        String key = crmUserKey(id);
        Optional<SlackUserLookups.Answer> known = answers.last(key);
        if (known.isPresent() && known.get().at().plus(ttl).isAfter(now)) return Mention.of(known.get().slackUserId());
        Mention stale = known.map(a -> Mention.of(a.slackUserId())).orElse(Mention.NAMED);
        Optional<String> email;
        try {
            email = directory.emailOf(id);
        } catch (OwnerDirectory.Unavailable e) {
            LOG.fine(() -> "owner " + id + " not resolved now: " + e.getMessage());
            return stale;
        }
        if (email.isEmpty()) {
            answers.remember(key, new SlackUserLookups.Answer(null, now));
            return Mention.NAMED;
        }
        Mention byEmail = mentionOf(email.get());
        // Keep the outcome under the id only once Slack has answered for the address (not while it cannot be asked).
        answers.last(email.get()).filter(a -> !a.at().isBefore(now))
                .ifPresent(a -> answers.remember(key, new SlackUserLookups.Answer(a.slackUserId(), now)));
        return byEmail;
    }

    /**
     * The key a CRM user id's answer is kept under. The store folds case (e-mail addresses), but
     * Salesforce's 15-character ids are case-sensitive: the key carries the id's upper-case positions.
     */
    static String crmUserKey(String id) {
        long upper = 0;
        for (int i = 0; i < id.length() && i < 63; i++) if (Character.isUpperCase(id.charAt(i))) upper |= 1L << i;
        return "crm-user:" + id + "/" + Long.toHexString(upper);
    }

    private Mention lookUp(String email, Instant now, Mention stale, boolean hasStale) {
        try {
            UsersLookupByEmailResponse r = methods.usersLookupByEmail(UsersLookupByEmailRequest.builder().email(email).build());
            if (r.isOk()) {
                User user = r.getUser();
                String id = user == null || user.isDeleted() ? null : user.getId(); // a deactivated user is nobody to notify
                answers.remember(email, new SlackUserLookups.Answer(id, now));
                return Mention.of(id);
            }
            String error = r.getError() == null ? "unknown_error" : r.getError();
            if (NO_SUCH_USER.contains(error)) {
                answers.remember(email, new SlackUserLookups.Answer(null, now));
                return Mention.NAMED;
            }
            if (error.equals("ratelimited") || error.equals("rate_limited")) { // the SDK hands a 429 back as ok:false
                return rateLimited(SlackRateLimits.retryAfter(SlackRateLimits.header(r.getHttpResponseHeaders(), "Retry-After")),
                        stale, hasStale);
            }
            // missing_scope (users:read.email not granted), invalid_auth, account_inactive ...: will not pass by itself
            unavailableUntil = now.plus(UNAVAILABLE_PAUSE);
            LOG.warning(() -> "Slack users.lookupByEmail failed (" + error + (r.getNeeded() == null ? "" : ", needs " + r.getNeeded())
                    + "): owners are named, not mentioned, for " + UNAVAILABLE_PAUSE.toMinutes() + " minutes");
            return stale;
        } catch (SlackApiException e) {
            if (e.getResponse() != null && e.getResponse().code() == 429) {
                return rateLimited(SlackRateLimits.retryAfter(e.getResponse().header("Retry-After")), stale, hasStale);
            }
            LOG.fine(() -> "Slack users.lookupByEmail: http " + (e.getResponse() == null ? "?" : e.getResponse().code()));
            return stale;
        } catch (IOException e) {
            LOG.fine(() -> "Slack users.lookupByEmail unreachable: " + e.getMessage());
            return stale;
        }
    }

    private Mention rateLimited(Duration retryAfter, Mention stale, boolean hasStale) {
        budget.pauseFor(retryAfter);
        return hasStale ? stale : new Mention(null, retryAfter);
    }

    /** The lookups' allowance for an operator: per minute, used, a 429 pause. */
    Map<String, Object> status() {
        return budget.status();
    }
}
