package io.csbridge.connectors.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import io.csbridge.connectors.CircuitBreaker;
import io.csbridge.domain.alerting.AlertMemoryUnavailable;
import io.csbridge.domain.alerting.AlertThreads;
import io.csbridge.outbox.DeliveryOutcome;
import io.csbridge.outbox.OutboundWrite;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Sends one outbox write to Slack: mentions the owner ({@link SlackOwners}), renders the message
 * ({@link SlackMessages}), replies in the alert's thread when one was started ({@link AlertThreads}),
 * keeps to the rate limits ({@link SlackRateLimits}), then posts it ({@code chat.postMessage}) or, for the
 * alert after a button press, updates it ({@code chat.update}), and reads Slack's answer into the outbox's
 * outcome: delivered, rejected for good, or retried (later, after a 429). A post carries the write's key,
 * and a second attempt looks for the first one's post before posting ({@link SlackPostedMessages}).
 */
final class SlackPoster {

    private static final Logger LOG = Logger.getLogger(SlackPoster.class.getName());
    /** ok:false errors that will not pass by themselves: dead-letter the write with the error. */
    private static final Set<String> REFUSED = Set.of("channel_not_found", "not_in_channel", "is_archived",
            "invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text", "too_many_attachments",
            "message_not_found", "cant_update_message", "edit_window_closed", "restricted_action",
            "user_not_found", "invalid_arguments", "duplicate_message_not_found");

    private static final String MISSING_SCOPE = "missing_scope";

    private final MethodsClient methods;
    private final SlackPostedMessages posted;
    private final SlackMessages messages;
    private final SlackOwners owners;
    private final AlertThreads threads;
    private final SlackRateLimits rateLimits;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private volatile Instant lastSuccessAt;

    SlackPoster(MethodsClient methods, SlackMessages messages, SlackOwners owners, AlertThreads threads,
                SlackRateLimits rateLimits, CircuitBreaker breaker, Clock clock) {
        this.methods = methods;
        this.posted = new SlackPostedMessages(methods);
        this.messages = messages;
        this.owners = owners;
        this.threads = threads;
        this.rateLimits = rateLimits;
        this.breaker = breaker;
        this.clock = clock;
    }

    /** When Slack last accepted a message; null until it has. */
    Instant lastSuccessAt() {
        return lastSuccessAt;
    }

    DeliveryOutcome deliver(OutboundWrite w) {
        Map<String, Object> fields = new LinkedHashMap<>(w.fields());
        SlackMessages.Message m;
        String thread;
        try {
            Duration wait = owners.mentionIn(fields, w.attempt() <= 1);
            if (!wait.isZero()) {
                return DeliveryOutcome.retry(w.outboxId(), "Slack users.lookupByEmail rate limited: the owner's mention waits", wait);
            }
        } catch (AlertMemoryUnavailable e) {
            return DeliveryOutcome.retry(w.outboxId(), "database: " + e.getMessage(), Duration.ZERO);
        }
        try {
            m = messages.render(fields);
        } catch (RuntimeException e) {
            return DeliveryOutcome.rejected(w.outboxId(), "not a Slack alert, digest, notice or action: " + e.getMessage());
        }
        try {
            thread = m.threadKey() == null ? null : threads.threadOf(m.channel(), m.threadKey()).orElse(null);
        } catch (AlertMemoryUnavailable e) {
            return DeliveryOutcome.retry(w.outboxId(), "database: " + e.getMessage(), Duration.ZERO);
        }
        try {
            SlackApiTextResponse response;
            if ("action".equals(w.fields().get("type"))) {
                // the ts of the message whose button was pressed (a thread reply's own ts): chat.update needs no memory
                rateLimits.pace(m.channel());
                response = methods.chatUpdate(ChatUpdateRequest.builder().channel(m.channel())
                        .ts(String.valueOf(w.fields().get("ts"))).text(m.text()).blocks(m.blocks()).build());
            } else {
                if (w.attempt() > 1) {
                    // an earlier attempt may have posted it and died before its outcome was recorded: look first
                    SlackPostedMessages.Found found = posted.find(m.channel(), thread, w.key(), w.asOf());
                    if (found.ts().isPresent()) return alreadyPosted(w, m, thread, found.ts().get());
                    if (found.failed() != null && !MISSING_SCOPE.equals(found.failed().getError())) {
                        return outcome(w, found.failed());
                    }
                    if (found.failed() != null) {
                        LOG.warning("Slack history cannot be read (missing_scope: add channels:history and groups:history, "
                                + "deploy/slack): " + w.key() + " is posted without looking for an earlier post");
                    }
                }
                rateLimits.pace(m.channel());
                ChatPostMessageResponse post = methods.chatPostMessage(ChatPostMessageRequest.builder()
                        .channel(m.channel()).text(m.text()).blocks(m.blocks()).threadTs(thread)
                        .metadata(SlackPostedMessages.metadata(w.key())).build());
                if (post.isOk() && thread == null && m.threadKey() != null) startThread(m, post.getTs());
                response = post;
            }
            return outcome(w, response);
        } catch (SlackApiException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().code();
            if (status == 429) {
                Duration after = SlackRateLimits.retryAfter(e.getResponse() == null ? null : e.getResponse().header("Retry-After"));
                rateLimits.pauseFor(after);
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

    /** An earlier attempt posted the write: it is delivered, and its thread remembered if it started one. */
    private DeliveryOutcome alreadyPosted(OutboundWrite w, SlackMessages.Message m, String thread, String ts) {
        LOG.info(() -> "Slack already has " + w.key() + " (ts " + ts + "): not posted again");
        if (thread == null && m.threadKey() != null) startThread(m, ts);
        breaker.success();
        lastSuccessAt = clock.instant();
        return DeliveryOutcome.delivered(w.outboxId());
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
            Duration after = SlackRateLimits.retryAfter(SlackRateLimits.header(response.getHttpResponseHeaders(), "Retry-After"));
            rateLimits.pauseFor(after);
            return DeliveryOutcome.retry(w.outboxId(), "Slack 429: " + error, after);
        }
        breaker.failure(); // invalid_auth, token_revoked, internal_error, service_unavailable ...
        return DeliveryOutcome.retry(w.outboxId(), "Slack " + error, Duration.ZERO);
    }

    /** Remembers the alert's thread; the message is out either way, so a failure here is logged, not retried. */
    private void startThread(SlackMessages.Message m, String ts) {
        try {
            threads.started(m.channel(), m.threadKey(), ts, clock.instant());
        } catch (RuntimeException e) {
            LOG.warning(() -> "Slack thread of " + m.threadKey() + " not recorded (follow-ups start a new one): " + e.getMessage());
        }
    }
}
