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
import io.csbridge.account.AccountKeys;
import io.csbridge.connectors.CircuitBreaker;
import io.csbridge.connectors.Settings;
import io.csbridge.connectors.Sleeper;
import io.csbridge.health.AccountScore;
import io.csbridge.pipeline.ChannelStatus;
import io.csbridge.pipeline.DeliveryChannel;
import io.csbridge.pipeline.DeliveryOutcome;
import io.csbridge.pipeline.OutboundWrite;
import io.csbridge.pipeline.VendorCall;
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
 * At most one message per second per channel; 429 Retry-After honoured.
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
    private Slack slack;
    private MethodsClient methods;
    private CircuitBreaker breaker;
    private Clock clock;
    private Sleeper sleeper;
    private final Map<String, Instant> nextPost = new HashMap<>();
    private Instant pausedUntil = Instant.MIN;
    private volatile Instant lastSuccessAt;
    /** Alert threads by dedupe key, so follow-ups land in the first alert's thread (kept in memory). */
    private final Map<String, String> threads = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 10_000;
        }
    };

    protected SlackChannel() {
        // for the CDI proxy
    }

    @Inject
    public SlackChannel(Config config, Clock clock) {
        this(SlackSettings.from(Settings.from(config)), clock, Sleeper.SYSTEM);
    }

    public SlackChannel(SlackSettings settings, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
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

    /** Mode, the alert channel, a 429 pause, the circuit, the last message Slack accepted. Never the token. */
    @Override
    public synchronized Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mode", live() ? "live" : "sandbox");
        settings.alertChannel().ifPresent(c -> out.put("alertChannel", c));
        if (clock.instant().isBefore(pausedUntil)) out.put("pausedUntil", pausedUntil.toString());
        out.put("circuit", breaker.status());
        if (lastSuccessAt != null) out.put("lastSuccessAt", lastSuccessAt.toString());
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
            SlackMessages.Message m = render(w);
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

    private SlackMessages.Message render(OutboundWrite w) {
        Object type = w.fields().get("type");
        if ("digest".equals(type)) return messages.digest(w.fields());
        if ("action".equals(type)) return messages.afterAction(w.fields());
        return messages.alert(w.fields());
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
        SlackMessages.Message m;
        try {
            m = render(w);
        } catch (RuntimeException e) {
            return DeliveryOutcome.rejected(w.outboxId(), "not a Slack alert, digest or action: " + e.getMessage());
        }
        try {
            pace(m.channel());
            SlackApiTextResponse response;
            if ("action".equals(w.fields().get("type"))) {
                response = methods.chatUpdate(ChatUpdateRequest.builder().channel(m.channel())
                        .ts(String.valueOf(w.fields().get("ts"))).text(m.text()).blocks(m.blocks()).build());
            } else {
                String thread = m.threadKey() == null ? null : threads.get(m.channel() + "|" + m.threadKey());
                ChatPostMessageResponse posted = methods.chatPostMessage(ChatPostMessageRequest.builder()
                        .channel(m.channel()).text(m.text()).blocks(m.blocks()).threadTs(thread).build());
                if (posted.isOk() && thread == null && m.threadKey() != null) {
                    synchronized (threads) {
                        threads.put(m.channel() + "|" + m.threadKey(), posted.getTs());
                    }
                }
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
            Duration after = retryAfter(header(response, "Retry-After"));
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

    private static String header(SlackApiTextResponse response, String name) {
        Map<String, List<String>> headers = response.getHttpResponseHeaders();
        if (headers == null) return null;
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (name.equalsIgnoreCase(e.getKey()) && e.getValue() != null && !e.getValue().isEmpty()) return e.getValue().get(0);
        }
        return null;
    }

    private static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
        } catch (RuntimeException e) { // absent or not a number
            return Duration.ofSeconds(30);
        }
    }
}
