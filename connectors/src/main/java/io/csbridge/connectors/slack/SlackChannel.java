package io.csbridge.connectors.slack;

import com.google.gson.Gson;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.util.json.GsonFactory;
import io.csbridge.domain.account.AccountKeys;
import io.csbridge.domain.alerting.AlertThreads;
import io.csbridge.domain.alerting.OwnerDirectory;
import io.csbridge.domain.alerting.SlackUserLookups;
import io.csbridge.connectors.CircuitBreaker;
import io.csbridge.connectors.Settings;
import io.csbridge.connectors.Sleeper;
import io.csbridge.domain.score.AccountScore;
import io.csbridge.outbox.ChannelStatus;
import io.csbridge.domain.alerting.AlertRecordsUnavailable;
import io.csbridge.outbox.DeliveryChannel;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;
import io.csbridge.outbox.VendorCall;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Alerts, digests and button-press updates in Slack, through the same durable outbox as the field
 * writes. A write's fields say what it is: {@code type} = {@code alert} (an Alert's fields),
 * {@code digest} (a Digest's fields) or {@code action} ({@code channel}, {@code ts}, {@code action},
 * {@code user}, {@code at}, optional {@code text}: the alert after a button press, via chat.update).
 * At most one message per second per channel; 429 Retry-After honoured. Follow-ups of an alert (same
 * dedupe key, rule + account) reply in the thread its first message started ({@link AlertThreads}, in
 * the database, so a restart keeps it); owners are mentioned as {@link SlackOwners} resolves them.
 */
@ApplicationScoped
public class SlackChannel implements DeliveryChannel, ChannelStatus {

    private static final Logger LOG = Logger.getLogger(SlackChannel.class.getName());
    /** ok:false errors that will not pass by themselves: dead-letter the write with the error. */
    private static final Set<String> REFUSED = Set.of("channel_not_found", "not_in_channel", "is_archived",
            "invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text", "too_many_attachments",
            "message_not_found", "cant_update_message", "edit_window_closed", "restricted_action",
            "user_not_found", "invalid_arguments", "duplicate_message_not_found");
    private static final Duration PER_CHANNEL_GAP = Duration.ofSeconds(1);

    private SlackSettings settings;
    private SlackMessages messages;
    private AlertThreads threads;
    private SlackOwners owners;
    private Slack slack;
    private MethodsClient methods;
    private CircuitBreaker breaker;
    private Clock clock;
    private Sleeper sleeper;
    private final Map<String, Instant> nextPost = new HashMap<>();
    private Instant pausedUntil = Instant.MIN;
    private volatile Instant lastSuccessAt;

    protected SlackChannel() {
        // for the CDI proxy
    }

    @Inject
    public SlackChannel(Config config, Clock clock, AlertThreads threads, SlackUserLookups lookups, OwnerDirectory directory) {
        this(SlackSettings.from(Settings.from(config)), clock, Sleeper.SYSTEM, threads, lookups, directory);
    }

    public SlackChannel(SlackSettings settings, Clock clock, Sleeper sleeper, AlertThreads threads, SlackUserLookups lookups) {
        this(settings, clock, sleeper, threads, lookups, OwnerDirectory.NONE);
    }

    /**
     * @param threads the alert threads, kept in the database
     * @param lookups Slack's answers to owner e-mail lookups, kept in the database
     * @param directory the CRM's users, for owners it names by user id (Salesforce OwnerId)
     */
    public SlackChannel(SlackSettings settings, Clock clock, Sleeper sleeper, AlertThreads threads, SlackUserLookups lookups,
                        OwnerDirectory directory) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.threads = threads;
        this.messages = new SlackMessages(settings);
        this.breaker = new CircuitBreaker(settings.circuitFailures(), settings.circuitOpen(), clock);
        if (settings.live()) {
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(settings.apiUrl());
            // No SDK metrics: they call auth.test after a 429, one more request while Slack asked us to wait.
            config.setStatsEnabled(false);
            this.slack = Slack.getInstance(config);
            this.methods = slack.methods(settings.botToken().get());
        }
        this.owners = new SlackOwners(methods, lookups, directory, settings.userLookupTtl(), clock);
    }

    /** Releases the SDK's HTTP client. */
    @PreDestroy
    public void close() {
        if (slack == null) return;
        try {
            slack.close();
        } catch (Exception e) {
            LOG.fine(() -> "closing the Slack client: " + e);
        }
    }

    @Override
    public String name() {
        return "slack";
    }

    /** Mode, the alert channel, a 429 pause, the circuit, the last message Slack accepted, owner lookups. Never the token. */
    @Override
    public synchronized Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", live() ? "live" : "sandbox");
        settings.alertChannel().ifPresent(c -> out.put("alertChannel", c));
        if (clock.instant().isBefore(pausedUntil)) out.put("pausedUntil", pausedUntil.toString());
        out.put("circuit", breaker.status());
        if (lastSuccessAt != null) out.put("lastSuccessAt", lastSuccessAt.toString());
        if (live()) out.put("userLookups", owners.status());
        return out;
    }

    @Override
    public boolean live() {
        return methods != null;
    }

    /** Alerts are queued explicitly by the alert rules, never for a score change as such. */
    @Override
    public Optional<String> target(AccountKeys keys) {
        return Optional.empty();
    }

    @Override
    public Map<String, Object> fields(AccountScore score) {
        return Map.of();
    }

    @Override
    public int maxBatch() {
        return 20;
    }

    @Override
    public List<VendorCall> preview(List<OutboundWrite> writes) {
        Gson gson = GsonFactory.createSnakeCase();
        List<VendorCall> calls = new ArrayList<>();
        for (OutboundWrite w : writes) {
            boolean update = "action".equals(w.fields().get("type"));
            SlackMessages.Message m = render(w.fields());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("channel", m.channel());
            if (update) body.put("ts", w.fields().get("ts"));
            body.put("text", m.text());
            body.put("blocks", m.blocks());
            calls.add(new VendorCall("POST", settings.apiUrl() + (update ? "chat.update" : "chat.postMessage"),
                    gson.toJson(body)));
        }
        return calls;
    }

    private SlackMessages.Message render(Map<String, Object> fields) {
        Object type = fields.get("type");
        if ("digest".equals(type)) return messages.digest(fields);
        if ("notice".equals(type)) return messages.notice(fields);
        if ("action".equals(type)) return messages.afterAction(fields);
        return messages.alert(fields);
    }

    @Override
    public List<DeliveryOutcome> deliver(List<OutboundWrite> writes) {
        List<DeliveryOutcome> out = new ArrayList<>();
        for (int i = 0; i < writes.size(); i++) {
            OutboundWrite w = writes.get(i);
            Instant now = clock.instant();
            Duration wait = now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : breaker.waitBeforeCall();
            if (!wait.isZero()) {
                for (OutboundWrite rest : writes.subList(i, writes.size())) {
                    out.add(DeliveryOutcome.retry(rest.outboxId(), "Slack paused (rate limit or circuit open)", wait));
                }
                break;
            }
            out.add(deliverOne(w));
        }
        return out;
    }

    private DeliveryOutcome deliverOne(OutboundWrite w) {
        Map<String, Object> fields = new LinkedHashMap<>(w.fields());
        SlackMessages.Message m;
        String thread;
        try {
            Duration wait = mentionOwners(fields, w.attempt() <= 1);
            if (!wait.isZero()) {
                return DeliveryOutcome.retry(w.outboxId(), "Slack users.lookupByEmail rate limited: the owner's mention waits", wait);
            }
        } catch (AlertRecordsUnavailable e) {
            return DeliveryOutcome.retry(w.outboxId(), "database: " + e.getMessage(), Duration.ZERO);
        }
        try {
            m = render(fields);
        } catch (RuntimeException e) {
            return DeliveryOutcome.rejected(w.outboxId(), "not a Slack alert, digest, notice or action: " + e.getMessage());
        }
        try {
            thread = m.threadKey() == null ? null : threads.threadOf(m.channel(), m.threadKey()).orElse(null);
        } catch (AlertRecordsUnavailable e) {
            return DeliveryOutcome.retry(w.outboxId(), "database: " + e.getMessage(), Duration.ZERO);
        }
        try {
            pace(m.channel());
            SlackApiTextResponse response;
            if ("action".equals(w.fields().get("type"))) {
                // the ts of the message whose button was pressed (a thread reply's own ts): chat.update needs no memory
                response = methods.chatUpdate(ChatUpdateRequest.builder().channel(m.channel())
                        .ts(String.valueOf(w.fields().get("ts"))).text(m.text()).blocks(m.blocks()).build());
            } else {
                ChatPostMessageResponse posted = methods.chatPostMessage(ChatPostMessageRequest.builder()
                        .channel(m.channel()).text(m.text()).blocks(m.blocks()).threadTs(thread).build());
                if (posted.isOk() && thread == null && m.threadKey() != null) startThread(m, posted.getTs());
                response = posted;
            }
            return outcome(w, response);
        } catch (SlackApiException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().code();
            if (status == 429) {
                Duration after = retryAfter(e.getResponse() == null ? null : e.getResponse().header("Retry-After"));
                synchronized (this) {
                    pausedUntil = clock.instant().plus(after);
                }
                return DeliveryOutcome.retry(w.outboxId(), "Slack 429: rate limited", after);
            }
            breaker.failure();
            return DeliveryOutcome.retry(w.outboxId(), "Slack http " + status, Duration.ZERO);
        } catch (IOException e) {
            breaker.failure();
            return DeliveryOutcome.retry(w.outboxId(), "Slack unreachable: " + e.getMessage(), Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DeliveryOutcome.retry(w.outboxId(), "interrupted", Duration.ZERO);
        }
    }

    private DeliveryOutcome outcome(OutboundWrite w, SlackApiTextResponse response) {
        if (response.isOk()) {
            breaker.success();
            lastSuccessAt = clock.instant();
            return DeliveryOutcome.delivered(w.outboxId());
        }
        String error = response.getError() == null ? "unknown_error" : response.getError();
        if (REFUSED.contains(error)) {
            breaker.success();
            return DeliveryOutcome.rejected(w.outboxId(), "Slack " + error);
        }
        if (error.equals("ratelimited") || error.equals("rate_limited")) {
            // the SDK hands a 429 back as ok:false with the HTTP headers attached
            Duration after = retryAfter(header(response.getHttpResponseHeaders(), "Retry-After"));
            synchronized (this) {
                pausedUntil = clock.instant().plus(after);
            }
            return DeliveryOutcome.retry(w.outboxId(), "Slack 429: " + error, after);
        }
        breaker.failure(); // invalid_auth, token_revoked, internal_error, service_unavailable ...
        return DeliveryOutcome.retry(w.outboxId(), "Slack " + error, Duration.ZERO);
    }

    /** Slack allows about one message per second per channel: wait out the gap. */
    private void pace(String channel) throws InterruptedException {
        Duration wait;
        synchronized (nextPost) {
            Instant now = clock.instant();
            Instant next = nextPost.getOrDefault(channel, now);
            wait = next.isAfter(now) ? Duration.between(now, next) : Duration.ZERO;
            nextPost.put(channel, (next.isAfter(now) ? next : now).plus(PER_CHANNEL_GAP));
        }
        if (!wait.isZero()) sleeper.sleep(wait);
    }

    /** Remembers the alert's thread; the message is out either way, so a failure here is logged, not retried. */
    private void startThread(SlackMessages.Message m, String ts) {
        try {
            threads.started(m.channel(), m.threadKey(), ts, clock.instant());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Slack thread of " + m.threadKey() + " not recorded (follow-ups start a new one): " + e.getMessage());
        }
    }

    /**
     * Puts the Slack user to mention in place of the owner (an alert's, a digest's recipient, the
     * pressed alert's) when {@link SlackOwners} knows one, and says how long to wait when the owner's
     * e-mail lookup must wait (zero: go). A CS team wants the owner notified more than it wants the alert
     * a minute sooner: a health alert is a signal of days, while an alert that only names its owner may go
     * unseen in a busy channel. So a first attempt waits out Slack's Retry-After (the outbox retries it no
     * sooner); a later attempt never waits again and names the owner in plain text, so the user directory
     * can delay an alert once but never hold it back. The update after a press never waits.
     */
    @SuppressWarnings("unchecked")
    private Duration mentionOwners(Map<String, Object> fields, boolean mayWait) {
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
        SlackOwners.Mention mention = owners.mentionOf(owner.toString());
        if (mention.slackUserId() != null) fields.put("owner", mention.slackUserId());
        return mayWait ? mention.waitFor() : Duration.ZERO;
    }

    static String header(Map<String, List<String>> headers, String name) {
        if (headers == null) return null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) return e.getValue().get(0);
        }
        return null;
    }

    static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
        } catch (RuntimeException e) { // absent or not a number
            return Duration.ofSeconds(30);
        }
    }
}
