package io.csbridge.domain.alerting;

import java.time.Instant;
import java.util.Optional;

/**
 * What Slack answered when asked which user has an account owner's e-mail address, found or not, and
 * when. The pipeline keeps the answers in the database ({@code store/SlackUserLookupStore}), so a burst
 * of alerts, the other nodes and a restart ask Slack at most once per address per time-to-live.
 * Either method throws {@link AlertMemoryUnavailable} when the answers cannot be read or written now.
 */
public interface SlackUserLookups {

    /** @param slackUserId the user's id, null when Slack has no active user with the address */
    record Answer(String slackUserId, Instant at) {

        public boolean found() {
            return slackUserId != null;
        }
    }

    /** The last answer for {@code email} (any case), if Slack was ever asked. */
    Optional<Answer> last(String email);

    /** Keeps Slack's answer for {@code email}, replacing an older one. */
    void remember(String email, Answer answer);
}
