package io.csbridge.connectors.slack;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.conversations.ConversationsHistoryRequest;
import com.slack.api.methods.request.conversations.ConversationsRepliesRequest;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a Slack post idempotent. Every message CS Bridge posts carries the write's key in its message
 * metadata ({@link #metadata}); the claim that precedes each attempt records the intent in the outbox
 * (its attempt count) before the call. So an attempt after the first (the one before may have posted and
 * died before its outcome was recorded) first reads the channel since the write was queued
 * ({@code conversations.history}, or {@code conversations.replies} for a thread reply) for a message with
 * that key, and posts only if there is none. Needs the {@code channels:history} / {@code groups:history}
 * scopes (deploy/slack).
 */
final class SlackPostedMessages {

    /** The metadata event type of CS Bridge's posts. */
    static final String EVENT_TYPE = "cs_bridge_write";
    /** Slack's clock and the queueing node's may differ: look this much further back. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(15);
    private static final int PAGE = 200;
    /** At most this many pages are read (5,000 messages): a longer history is not searched further. */
    private static final int MAX_PAGES = 25;

    /** What the channel's history says of a write. */
    record Found(Optional<String> ts, SlackApiTextResponse failed) {

        static Found posted(String ts) {
            return new Found(Optional.of(ts), null);
        }

        static Found none() {
            return new Found(Optional.empty(), null);
        }

        /** Slack answered ok:false: the caller reads the error as it reads a post's. */
        static Found error(SlackApiTextResponse response) {
            return new Found(Optional.empty(), response);
        }
    }

    private final MethodsClient methods;

    SlackPostedMessages(MethodsClient methods) {
        this.methods = methods;
    }

    /** The metadata a post of the write with this key carries. */
    static Message.Metadata metadata(String key) {
        return Message.Metadata.builder().eventType(EVENT_TYPE).eventPayload(Map.of("key", key)).build();
    }

    /**
     * Looks for the message an earlier attempt of the write with {@code key} posted in {@code channel}
     * (in the thread {@code threadTs}, when a reply) since {@code queuedAt}.
     */
    Found find(String channel, String threadTs, String key, Instant queuedAt)
            throws IOException, SlackApiException {
        String oldest = slackTs(queuedAt.minus(CLOCK_MARGIN));
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            List<Message> messages;
            SlackApiTextResponse response;
            if (threadTs == null) {
                ConversationsHistoryResponse history = methods.conversationsHistory(ConversationsHistoryRequest.builder()
                        .channel(channel).oldest(oldest).limit(PAGE).cursor(cursor).includeAllMetadata(true).build());
                response = history;
                messages = history.getMessages();
                cursor = history.getResponseMetadata() == null ? null : history.getResponseMetadata().getNextCursor();
            } else {
                ConversationsRepliesResponse replies = methods.conversationsReplies(ConversationsRepliesRequest.builder()
                        .channel(channel).ts(threadTs).oldest(oldest).limit(PAGE).cursor(cursor).includeAllMetadata(true)
                        .build());
                response = replies;
                messages = replies.getMessages();
                cursor = replies.getResponseMetadata() == null ? null : replies.getResponseMetadata().getNextCursor();
            }
            if (!response.isOk()) return Found.error(response);
            if (messages != null) {
                for (Message m : messages) {
                    if (carries(m, key)) return Found.posted(m.getTs());
                }
            }
            if (cursor == null || cursor.isBlank()) return Found.none();
        }
        return Found.none();
    }

    private static boolean carries(Message m, String key) {
        Message.Metadata metadata = m.getMetadata();
        return metadata != null && EVENT_TYPE.equals(metadata.getEventType()) && metadata.getEventPayload() != null
                && key.equals(String.valueOf(metadata.getEventPayload().get("key")));
    }

    /** Slack's timestamps: seconds since the epoch with microseconds. */
    static String slackTs(Instant at) {
        return Math.max(0, at.getEpochSecond()) + "." + String.format("%06d", at.getNano() / 1000);
    }
}
