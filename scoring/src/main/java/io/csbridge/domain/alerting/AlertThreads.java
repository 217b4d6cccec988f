package io.csbridge.domain.alerting;

import java.time.Instant;
import java.util.Optional;

/**
 * Where an alert's conversation is: the first message posted for an alert key (the alert's dedupe key,
 * rule + account) in a channel starts a thread, and later alerts with the same key reply in it. The
 * pipeline keeps it in the database ({@code store/AlertThreadStore}), so a restart keeps the thread.
 * Either method throws {@link AlertMemoryUnavailable} when the threads cannot be read or written now.
 */
public interface AlertThreads {

    /** The thread of {@code alertKey} in {@code channel} (its first message's ts), if one was started. */
    Optional<String> threadOf(String channel, String alertKey);

    /**
     * Records that the message {@code messageTs} started the thread of {@code alertKey} in {@code channel}.
     *
     * @return the thread that holds: {@code messageTs}, or the one another node recorded first
     */
    String started(String channel, String alertKey, String messageTs, Instant at);
}
